/**
 * POST /api/v1/imports/users of 10,000 rows (parse, validate, insert users, roles and
 * invitations, feed, outbox) against its honest baseline in the same run: a bare multi-row
 * INSERT of the same users, roles and invitations on the raw driver, in one transaction.
 * Wall time of each, in interleaved repetitions, medians compared; and the peak memory of the
 * process during the import, above its idle level (sampled rss). Also GET /users.csv of the
 * 10,000 imported people, whose memory must stay flat.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { IMPORT_COLUMNS } from "../src/shared/import-schemas.js";
import { table } from "./support/load.js";
import { benchDatabase, signUpFirm, startChambers, type RawDatabase } from "./support/servers.js";

export const title = "POST /api/v1/imports/users (10,000 rows) vs a bare multi-row insert of the same rows";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const REPS = Number(process.env.BENCH_IMPORT_REPS ?? 5);
const SLICE = 1000;

interface Person {
  email: string;
  first: string;
  last: string;
  zone: string;
  city: string;
  phone: string;
  type: "attorney" | "non_attorney";
}

const FIRST = ["Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo"];
const LAST = ["Lopez", "Martin", "Nguyen", "Okafor", "Patel", "Quinn", "Rossi", "Smith", "Tanaka", "Weber"];
const ZONES = ["America/New_York", "America/Chicago", "Europe/London", "Asia/Tokyo"];

function people(tag: string): Person[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    email: `p${i}.${tag}@bench.test`,
    first: FIRST[i % 10]!,
    last: `${LAST[Math.floor(i / 10) % 10]!} ${i}`,
    zone: ZONES[i % 4]!,
    city: i % 2 ? "Chicago" : "London, Ontario",
    phone: `+1 312 555 ${String(i % 10_000).padStart(4, "0")}`,
    type: i % 3 ? "attorney" : "non_attorney",
  }));
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function csvOf(list: Person[]): string {
  const cells = (p: Person): Record<string, string> => ({ email: p.email, first_name: p.first, last_name: p.last, time_zone: p.zone, city: p.city, phone: p.phone, subscription_type: p.type === "attorney" ? "Attorney" : "Non-attorney" });
  return [IMPORT_COLUMNS.join(","), ...list.map((p) => IMPORT_COLUMNS.map((c) => quote(cells(p)[c] ?? "")).join(","))].join("\r\n");
}

/** The baseline: the same users, roles and invitations, multi-row INSERTs of 1,000 rows each, one transaction. */
async function bareInsert(raw: RawDatabase, firmId: string, inviterId: string, roleIds: string[], list: Person[]): Promise<void> {
  const now = new Date();
  const statements: { text: string; values: unknown[] }[] = [];
  for (let start = 0; start < list.length; start += SLICE) {
    const slice = list.slice(start, start + SLICE).map((p) => ({ ...p, id: randomUUID(), invitation: randomUUID() }));
    const users: unknown[] = [firmId, now];
    const userRows = slice.map((p) => {
      const at = users.length;
      users.push(p.id, p.email, p.first, p.last, p.zone, p.city, p.phone, p.type);
      return `($1, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, $${at + 8}, 'invited', $2, $2)`;
    });
    statements.push({ text: `insert into users (firm_id, id, email, first_name, last_name, time_zone, city, phone, subscription_type, status, created_at, updated_at) values ${userRows.join(", ")}`, values: users });
    const roles: unknown[] = [firmId];
    const roleRows = slice.flatMap((p) => roleIds.map((r) => (roles.push(p.id, r), `($1, $${roles.length - 1}, $${roles.length})`)));
    statements.push({ text: `insert into user_roles (firm_id, user_id, role_id) values ${roleRows.join(", ")}`, values: roles });
    const invs: unknown[] = [firmId, inviterId, now];
    const invRows = slice.map((p) => (invs.push(p.invitation, p.id, p.email), `($1, $${invs.length - 2}, $${invs.length - 1}, $${invs.length}, $2, 'pending', $3, $3)`));
    statements.push({ text: `insert into invitations (firm_id, id, user_id, email, inviter_id, status, created_at, updated_at) values ${invRows.join(", ")}`, values: invs });
  }
  await raw.transaction(statements);
}

/** Runs `fn` while sampling the process's resident memory; returns its time and the peak rss. */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; peakRss: number; result: T }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  const start = performance.now();
  try {
    const result = await fn();
    return { ms: performance.now() - start, peakRss: Math.max(peakRss, process.memoryUsage().rss), result };
  } finally {
    clearInterval(sampler);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

export async function run() {
  const chambers = await startChambers();
  try {
    const { runtime, raw } = chambers.it;
    const token = await signUpFirm(runtime);
    const headers = { authorization: `Bearer ${token}` };
    const me = (await (await fetch(`${chambers.baseUrl}/api/v1/me`, { headers })).json()) as { id: string; firm: { id: string } };
    const firmId = me.firm.id;
    const { db } = runtime.deps.database;
    // Licenses for every run: the bench measures importing, not buying.
    await db.execute(sql`update subscriptions set total_licenses = 1000000 where firm_id = ${firmId}`);
    const roleRows = (await db.execute(sql`select id from roles where firm_id = ${firmId} and system_key in ('attorney', 'billing') order by id`)) as unknown as { rows: { id: string }[] };
    const roleIds = roleRows.rows.map((r) => r.id);

    const importOnce = async (csv: string, send: boolean) => {
      const form = new FormData();
      for (const id of roleIds) form.append("role_ids", id);
      form.append("send_welcome_email", String(send));
      form.append("file", new Blob([csv], { type: "text/csv" }), "people.csv");
      const res = await fetch(`${chambers.baseUrl}/api/v1/imports/users`, { method: "POST", headers, body: form });
      const body = (await res.json()) as { status?: string; imported?: number; detail?: string };
      if (res.status !== 201 || body.status !== "completed" || body.imported !== ROWS) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    };

    // One warm-up of each, not counted: statements prepared, caches filled.
    await importOnce(csvOf(people(`warm-${randomUUID().slice(0, 6)}`)), false);
    await bareInsert(raw, firmId, me.id, roleIds, people(`warmbare-${randomUUID().slice(0, 6)}`));

    // GET /users.csv of the people of the warm-ups (2 x ROWS): streamed, memory flat.
    gc();
    await new Promise((r) => setTimeout(r, 200));
    const idleExport = process.memoryUsage().rss;
    const exported = await measured(async () => {
      const res = await fetch(`${chambers.baseUrl}/api/v1/users.csv?status=all`, { headers });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      return bytes;
    });

    const apiMs: number[] = [];
    const bareMs: number[] = [];
    const peaks: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const tag = `r${rep}-${randomUUID().slice(0, 6)}`;
      const csv = csvOf(people(tag));
      const bareList = people(`${tag}b`);
      gc();
      await new Promise((r) => setTimeout(r, 200));
      const idle = process.memoryUsage().rss;
      // Interleaved, and the order alternates, so neither side gets the warmer database.
      const api = async () => {
        const m = await measured(() => importOnce(csv, false));
        apiMs.push(m.ms);
        peaks.push(m.peakRss - idle);
      };
      const bare = async () => bareMs.push((await measured(() => bareInsert(raw, firmId, me.id, roleIds, bareList))).ms);
      if (rep % 2) {
        await bare();
        await api();
      } else {
        await api();
        await bare();
      }
    }
    // With welcome emails: 10,000 invitation emails rendered and written to the outbox too.
    const withMail = await measured(() => importOnce(csvOf(people(`mail-${randomUUID().slice(0, 6)}`)), true));

    const result = {
      database: benchDatabase(),
      rows: ROWS,
      repetitions: REPS,
      import_ms: apiMs.map(Math.round),
      bare_insert_ms: bareMs.map(Math.round),
      median_import_ms: Math.round(median(apiMs)),
      median_bare_insert_ms: Math.round(median(bareMs)),
      ratio: Math.round((median(apiMs) / median(bareMs)) * 100) / 100,
      peak_rss_above_idle_mb: mb(Math.max(...peaks)),
      import_with_welcome_email_ms: Math.round(withMail.ms),
      export_csv: { users: 2 * ROWS + 1, bytes: exported.result, ms: Math.round(exported.ms), peak_rss_above_idle_mb: mb(exported.peakRss - idleExport) },
    };
    console.log(
      table([
        ["", "median ms", "runs (ms)"],
        [`bare multi-row INSERT of ${ROWS} users, roles, invitations`, String(result.median_bare_insert_ms), result.bare_insert_ms.join(" ")],
        [`POST /api/v1/imports/users, ${ROWS} rows (no welcome email)`, String(result.median_import_ms), result.import_ms.join(" ")],
        ["import / bare insert (medians)", String(result.ratio), ""],
        ["peak rss above idle during the import (MB)", String(result.peak_rss_above_idle_mb), peaks.map(mb).join(" ")],
        [`the same with welcome emails (${ROWS} to the outbox)`, String(result.import_with_welcome_email_ms), ""],
        [`GET /api/v1/users.csv of ${result.export_csv.users} users (ms, peak MB above idle)`, String(result.export_csv.ms), String(result.export_csv.peak_rss_above_idle_mb)],
      ]),
    );
    return result;
  } finally {
    await chambers.close();
  }
}
