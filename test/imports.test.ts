/**
 * IMP: bulk import of users from CSV, through the API: the template, an import that brings
 * everyone in with their roles and licenses, one that brings nobody in and says why row by
 * row, licenses bought with the quote, invitations sent now or later, and the progress.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { activities, imports, invitations, users } from "../src/db/schema.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, PASSWORD, roleId, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";
import { invitationToken, mailTo } from "./helpers/mail.js";
import { csvOf, events, importFile, person } from "./helpers/imports.js";

async function usersOf(h: Harness, firm: BuiltFirm, emails: string[]) {
  return h.db
    .select()
    .from(users)
    .where(and(eq(users.firmId, firm.id), inArray(sql`lower(${users.email})`, emails.map((e) => e.toLowerCase()))));
}

async function licenses(h: Harness, firm: BuiltFirm) {
  return (await h.get("/api/v1/licenses", firm.owner.token)).json() as { total: number; occupied: number; available: number };
}

const reportRows = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

describeDb("bulk import of users", (h) => {
  it("IMP-1 the template downloads with the columns in order, and only for those who import", async () => {
    const firm = await buildFirm(h);
    const res = await h.get("/api/v1/imports/users/template.csv", firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toContain("attachment");
    expect(res.body.replace(/^\uFEFF/, "").trim()).toBe("email,first_name,last_name,initials,time_zone,address,city,state,zip,country,phone,subscription_type");
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.get("/api/v1/imports/users/template.csv", attorney.token)).statusCode).toBe(403);
  });

  it("IMP-2 IMP-6 every person of a valid file becomes an invited user with the chosen roles, each holding a license", async () => {
    const firm = await buildFirm(h, { licenses: 10 });
    const [attorney, billing] = [await roleId(h, firm, "Attorney"), await roleId(h, firm, "Billing")];
    const people = [
      person({ first_name: "Nia", last_name: "Okafor", initials: "NO", time_zone: "America/Chicago", city: "Chicago", phone: "+1 312 555 0100", subscription_type: "attorney" }),
      person({ first_name: "José", last_name: "Álvarez", subscription_type: "NON-ATTORNEY", address: "1 Main St, Suite 2" }),
      person({ subscription_type: "Non-attorney" }),
    ];
    const res = await importFile(h, firm.owner.token, csvOf(people), { roleIds: [attorney, billing] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: "completed", rows: 3, imported: 3, error_rows: 0, errors: [], file_name: "people.csv" });
    const created = await usersOf(h, firm, people.map((p) => p.email!));
    expect(created).toHaveLength(3);
    expect(created.every((u) => u.status === "invited")).toBe(true);
    const nia = (await h.get(`/api/v1/users/${created.find((u) => u.firstName === "Nia")!.id}`, firm.owner.token)).json();
    expect(nia).toMatchObject({ initials: "NO", time_zone: "America/Chicago", city: "Chicago", phone: "+1 312 555 0100", subscription_type: "attorney", status: "invited" });
    expect(nia.roles.map((r: { name: string }) => r.name).sort()).toEqual(["Attorney", "Billing"]);
    const jose = created.find((u) => u.firstName === "José")!;
    expect(jose).toMatchObject({ lastName: "Álvarez", subscriptionType: "non_attorney", address: "1 Main St, Suite 2" });
    expect(await licenses(h, firm)).toMatchObject({ total: 10, occupied: 4, available: 6 });
    const listed = (await h.get("/api/v1/users?status=invited", firm.owner.token)).json().data as { email: string }[];
    expect(listed.map((u) => u.email).sort()).toEqual(people.map((p) => p.email).sort());
    const [feed] = await h.db.select().from(activities).where(and(eq(activities.firmId, firm.id), eq(activities.kind, "import.completed")));
    expect(feed!.changes).toMatchObject({ imported: { after: 3 }, roles: { after: ["Attorney", "Billing"] } });
  });

  it("IMP-2 IMP-6 a file without roles, or with a role of another firm, is refused and imports nothing", async () => {
    const firm = await buildFirm(h);
    const other = await buildFirm(h);
    const p = person();
    const none = await importFile(h, firm.owner.token, csvOf([p]), { roleIds: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toEqual([{ path: "role_ids", message: "Required." }]);
    const foreign = await importFile(h, firm.owner.token, csvOf([p]), { roleIds: [await roleId(h, other, "Attorney")] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toMatchObject({ path: "role_ids.0", message: "No such role in this firm." });
    expect(await usersOf(h, firm, [p.email!])).toHaveLength(0);
  });

  it("IMP-3 IMP-4 every row is checked and every problem named; one bad row imports nobody, and the error report says why row by row", async () => {
    const firm = await buildFirm(h, { licenses: 20 });
    const dup = uniqueEmail("twice");
    const rows = [
      person({ first_name: "Good" }),
      person({ email: "not-an-email" }),
      person({ email: dup }),
      person({ email: dup.toUpperCase() }),
      person({ email: firm.owner.email.toUpperCase() }),
      person({ initials: "A1" }),
      person({ time_zone: "Mars/Olympus_Mons" }),
      person({ first_name: "x".repeat(101) }),
      person({ subscription_type: "Partner" }),
      person({ last_name: "", phone: "call me" }),
    ];
    const before = await licenses(h, firm);
    const res = await importFile(h, firm.owner.token, csvOf(rows), { roleIds: [await roleId(h, firm, "Attorney")] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: "failed", rows: 10, imported: 0, error_rows: 9 });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: "email", message: "Enter a valid email address." },
        { row: 3, column: "email", message: "This email is also on row 4; each person comes once." },
        { row: 4, column: "email", message: "This email is also on row 3; each person comes once." },
        { row: 5, column: "email", message: "This email address is already in use." },
        { row: 6, column: "initials", message: "Letters only." },
        { row: 7, column: "time_zone", message: "Use an IANA time zone name, such as America/New_York." },
        { row: 8, column: "first_name", message: "At most 100 characters." },
        { row: 9, column: "subscription_type", message: "Use Attorney or Non-attorney." },
        { row: 10, column: "last_name", message: "Required." },
        { row: 10, column: "phone", message: "Digits, spaces, + ( ) - and . only." },
      ]),
    );
    // Nothing was created, no license taken.
    expect(await usersOf(h, firm, rows.map((r) => r.email!).filter((e) => e.includes("@") && e !== firm.owner.email.toUpperCase()))).toHaveLength(0);
    expect(await licenses(h, firm)).toEqual(before);
    expect(await mailTo(h, rows[0]!.email!)).toHaveLength(0);
    // The report: every row of the file, in order, with what to fix.
    const report = await h.get(`/api/v1/imports/${body.id}/errors.csv`, firm.owner.token);
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = reportRows(report.body);
    expect(lines.map((l) => l.email)).toEqual(rows.map((r) => r.email));
    expect(lines[0]!.errors).toBe("");
    expect(lines[1]!.errors).toBe("email: Enter a valid email address.");
    expect(lines[9]!.errors).toBe("last_name: Required. | phone: Digits, spaces, + ( ) - and . only.");
    expect(Object.keys(lines[0]!)).toEqual(["email", "first_name", "last_name", "initials", "time_zone", "address", "city", "state", "zip", "country", "phone", "subscription_type", "errors"]);
    // The import is kept, failed, and reads back the same.
    expect((await h.get(`/api/v1/imports/${body.id}`, firm.owner.token)).json()).toMatchObject({ status: "failed", error_rows: 9 });
  });

  it("IMP-4 SEC-6 the error report is safe for spreadsheets, and fixed and uploaded again it imports everyone", async () => {
    const firm = await buildFirm(h, { licenses: 10 });
    const role = await roleId(h, firm, "Attorney");
    const rows = [person({ phone: "+1 312 555 0100", address: "=HYPERLINK(\"http://evil\")" }), person({ time_zone: "Nowhere/Land", city: "@SUM(A1)" })];
    const failed = (await importFile(h, firm.owner.token, csvOf(rows), { roleIds: [role] })).json();
    expect(failed.status).toBe("failed");
    const report = (await h.get(`/api/v1/imports/${failed.id}/errors.csv`, firm.owner.token)).body;
    const lines = reportRows(report);
    expect(lines[0]).toMatchObject({ phone: "'+1 312 555 0100", address: "'=HYPERLINK(\"http://evil\")" });
    expect(lines[1]).toMatchObject({ city: "'@SUM(A1)", errors: "time_zone: Use an IANA time zone name, such as America/New_York." });
    // The administrator fixes the time zone in the report and uploads it as it is, errors column and all.
    const fixed = report.replace("Nowhere/Land", "Europe/London");
    const again = await importFile(h, firm.owner.token, fixed, { roleIds: [role], fileName: "people-errors.csv" });
    expect(again.json(), again.body).toMatchObject({ status: "completed", imported: 2 });
    const created = await usersOf(h, firm, rows.map((r) => r.email!));
    expect(created.map((u) => u.phone ?? "none").sort()).toEqual(["+1 312 555 0100", "none"]);
    expect(created.find((u) => u.city)!.city).toBe("@SUM(A1)");
    expect(created.find((u) => u.timeZone)!.timeZone).toBe("Europe/London");
  });

  it("IMP-4 the error report of another firm's import, or of one that completed, is not found", async () => {
    const firm = await buildFirm(h);
    const other = await buildFirm(h);
    const role = await roleId(h, firm, "Attorney");
    const failed = (await importFile(h, firm.owner.token, csvOf([person({ email: "bad" })]), { roleIds: [role] })).json();
    const done = (await importFile(h, firm.owner.token, csvOf([person()]), { roleIds: [role] })).json();
    expect((await h.get(`/api/v1/imports/${failed.id}/errors.csv`, other.owner.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/imports/${failed.id}`, other.owner.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/imports/${done.id}/errors.csv`, firm.owner.token)).statusCode).toBe(404);
  });

  it("IMP-5 without the welcome email, invitations are created unsent, and can be sent later from the invited list", async () => {
    const firm = await buildFirm(h);
    const p = person();
    const res = await importFile(h, firm.owner.token, csvOf([p]), { roleIds: [await roleId(h, firm, "Attorney")], send: false });
    expect(res.json().status).toBe("completed");
    expect(await mailTo(h, p.email!)).toHaveLength(0);
    const [invited] = (await h.get("/api/v1/users?status=invited", firm.owner.token)).json().data;
    expect(invited.invitation).toMatchObject({ sent_at: null, expires_at: null, expired: false });
    const sent = await h.post(`/api/v1/invitations/${invited.invitation.id}/resend`, {}, firm.owner.token);
    expect(sent.statusCode).toBe(200);
    expect(await mailTo(h, p.email!, "invitation")).toHaveLength(1);
  });

  it("IMP-5 with the welcome email, each person gets an invitation at once, and its link works", async () => {
    const firm = await buildFirm(h, { firm_name: "Quill & Quarry" });
    const people = [person(), person()];
    const res = await importFile(h, firm.owner.token, csvOf(people), { roleIds: [await roleId(h, firm, "Paralegal")], send: true });
    expect(res.json().status).toBe("completed");
    for (const p of people) {
      const [mail] = await mailTo(h, p.email!, "invitation");
      expect(mail!.payload.subject).toBe("Olivia Owner invited you to Quill & Quarry on Chambers");
    }
    const token = await invitationToken(h, people[0]!.email!);
    const accepted = await h.post("/api/v1/invitations/accept", { token, first_name: "Ada", last_name: "Lovelace", password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json().user).toMatchObject({ status: "active", roles: [{ name: "Paralegal" }] });
  });

  it("IMP-6 LIC-7 too few licenses: 409 with the quote and nothing imported; confirmed, the licenses are bought in the same step", async () => {
    const firm = await buildFirm(h, { licenses: 2, price_cents: 3000 });
    const role = await roleId(h, firm, "Attorney");
    const people = [person(), person(), person()];
    const refused = await importFile(h, firm.owner.token, csvOf(people), { roleIds: [role] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "license_purchase_required", quote: { count: 2, currency: "USD" } });
    expect(await usersOf(h, firm, people.map((p) => p.email!))).toHaveLength(0);
    expect(await h.db.select().from(imports).where(eq(imports.firmId, firm.id))).toHaveLength(0);
    const bought = await importFile(h, firm.owner.token, csvOf(people), { roleIds: [role], confirm: true });
    expect(bought.statusCode).toBe(201);
    expect(bought.json()).toMatchObject({ status: "completed", imported: 3, charge: { kind: "licenses", count: 2, amount_cents: refused.json().quote.amount_cents } });
    expect(await licenses(h, firm)).toMatchObject({ total: 4, occupied: 4, available: 0 });
    // Read back later, the import still names what it bought.
    const later = await h.get(`/api/v1/imports/${bought.json().id}`, firm.owner.token);
    expect(later.json().charge).toEqual(bought.json().charge);
  });

  it("IMP-7 a text/csv body with the options as query parameters: BOM, CRLF and quoted commas, quotes and line breaks read as written", async () => {
    const firm = await buildFirm(h);
    const email = uniqueEmail("quoted");
    const csv = `\uFEFFEmail,First Name,last_name,Subscription Type,address\r\n${email},"O""Brien, Jr.",Smith,Attorney,"1 Main St\r\nSuite ""B"", floor 2"\r\n`;
    const res = await importFile(h, firm.owner.token, csv, { roleIds: [await roleId(h, firm, "Attorney")], as: "csv" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: "completed", imported: 1, file_name: null });
    const [user] = await usersOf(h, firm, [email]);
    expect(user).toMatchObject({ firstName: 'O"Brien, Jr.', lastName: "Smith", address: '1 Main St\r\nSuite "B", floor 2' });
  });

  it("IMP-8 asked to answer at once, the import answers while it runs and its progress streams to the end", async () => {
    const firm = await buildFirm(h, { licenses: 3000 });
    const people = Array.from({ length: 2500 }, (_, i) => person({ email: `p${i}.${uniqueEmail("bulk")}` }));
    const res = await importFile(h, firm.owner.token, csvOf(people), { roleIds: [await roleId(h, firm, "Attorney")], headers: { prefer: "respond-async" } });
    expect(res.statusCode, res.body).toBe(201);
    const started = res.json();
    expect(["running", "completed"]).toContain(started.status);
    expect(started.rows).toBe(2500);
    const stream = await h.get(`/api/v1/imports/${started.id}/progress`, firm.owner.token);
    expect(stream.statusCode).toBe(200);
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    const seen = events(stream.body);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ event: "done", data: { id: started.id, status: "completed", imported: 2500 } });
    const progress = seen.filter((e) => e.event === "progress").map((e) => e.data as { processed: number; rows: number });
    expect(progress.at(-1)).toEqual({ processed: 2500, rows: 2500 });
    expect(progress.map((p) => p.processed)).toEqual([...progress.map((p) => p.processed)].sort((a, b) => a - b));
    await h.deps.background.idle();
    expect((await h.get(`/api/v1/imports/${started.id}`, firm.owner.token)).json()).toMatchObject({ status: "completed", imported: 2500 });
    expect(await h.db.select({ n: sql<number>`count(*)::int` }).from(invitations).where(eq(invitations.firmId, firm.id))).toEqual([{ n: 2500 }]);
  });

  it("IMP-8 an import that fails after answering running is kept as failed, with the reason, and nothing of it stays", async () => {
    const firm = await buildFirm(h, { licenses: 1 });
    // The database refuses one person half-way through, after the licenses were secured and
    // bought: as a disk that fills up or an email taken meanwhile by another firm would.
    await h.db.execute(sql.raw(`
      create or replace function refuse_doomed_people() returns trigger language plpgsql as $$
      begin if new.email like 'doomed%' then raise exception 'refused by a test trigger'; end if; return new; end $$`));
    await h.db.execute(sql.raw("create trigger refuse_doomed_people before insert on users for each row execute function refuse_doomed_people()"));
    try {
      const people = Array.from({ length: 1500 }, (_, i) => person({ email: `${i === 1200 ? "doomed" : "p"}${i}.${uniqueEmail("late")}` }));
      const res = await importFile(h, firm.owner.token, csvOf(people), { roleIds: [await roleId(h, firm, "Attorney")], confirm: true, headers: { prefer: "respond-async" } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: "running", rows: 1500 });
      const stream = await h.get(`/api/v1/imports/${res.json().id}/progress`, firm.owner.token);
      expect(events(stream.body).at(-1)).toMatchObject({ event: "done", data: { id: res.json().id, status: "failed", imported: 0 } });
      await h.deps.background.idle();

      const later = await h.get(`/api/v1/imports/${res.json().id}`, firm.owner.token);
      expect(later.statusCode).toBe(200);
      expect(later.json()).toMatchObject({ status: "failed", imported: 0, rows: 1500, charge: null, errors: [{ row: 0, message: expect.stringMatching(/nobody was imported/) }] });
      // The trigger's own words are logged, never shown.
      expect(later.body).not.toContain("test trigger");
      // Nobody, no license bought, and the feed says how it ended.
      expect(await h.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.firmId, firm.id))).toEqual([{ n: 1 }]);
      expect((await h.get("/api/v1/licenses", firm.owner.token)).json()).toMatchObject({ total: 1, occupied: 1 });
      const feed = await h.db.select().from(activities).where(and(eq(activities.firmId, firm.id), eq(activities.subjectId, res.json().id)));
      expect(feed.map((a) => a.kind)).toEqual(["import.failed"]);
    } finally {
      await h.db.execute(sql.raw("drop trigger refuse_doomed_people on users"));
      await h.db.execute(sql.raw("drop function refuse_doomed_people()"));
    }
  });

  it("IMP-2 only those who manage users import; Idempotency-Key imports once", async () => {
    const firm = await buildFirm(h);
    const role = await roleId(h, firm, "Attorney");
    const attorney = await buildUser(h, firm, ["attorney"]);
    const p = person();
    expect((await importFile(h, attorney.token, csvOf([p]), { roleIds: [role] })).statusCode).toBe(403);
    const key = { "idempotency-key": `import-${p.email}` };
    const first = await importFile(h, firm.owner.token, csvOf([p]), { roleIds: [role], headers: key, as: "csv" });
    const again = await importFile(h, firm.owner.token, csvOf([p]), { roleIds: [role], headers: key, as: "csv" });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    expect(await usersOf(h, firm, [p.email!])).toHaveLength(1);
  });

  it("LIC-7 LIC-8 IMP-6 two imports at once on a firm with licenses for one of them: one imports, the other is asked to buy", async () => {
    const firm = await buildFirm(h, { licenses: 4 });
    const role = await roleId(h, firm, "Attorney");
    const a = Array.from({ length: 3 }, () => person());
    const b = Array.from({ length: 3 }, () => person());
    const [ra, rb] = await Promise.all([importFile(h, firm.owner.token, csvOf(a), { roleIds: [role] }), importFile(h, firm.owner.token, csvOf(b), { roleIds: [role] })]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([201, 409]);
    const loser = ra.statusCode === 409 ? ra : rb;
    expect(loser.json()).toMatchObject({ code: "license_purchase_required", quote: { count: 3 } });
    expect(await licenses(h, firm)).toMatchObject({ total: 4, occupied: 4, available: 0 });
    const created = await usersOf(h, firm, [...a, ...b].map((p) => p.email!));
    expect(created).toHaveLength(3);
  });
});
