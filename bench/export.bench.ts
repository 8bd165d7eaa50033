/**
 * GET /api/v1/firm/export (CLS-2) of a firm with 10,000 users and 100,000 feed entries, against a
 * bare Fastify route building the same zip from hand-written SQL on the raw driver (same pages,
 * same csv-stringify and archiver). Also the memory: the peak heap and RSS growth while one
 * export streams, for a firm of 10% of that size and for the full one. Streaming means the two
 * peaks are about the same; loading everything would make the second ten times the first.
 * Run on PostgreSQL (BENCH_DATABASE_URL); PGlite works too, slowly.
 */
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { stringify } from "csv-stringify/sync";
import { ZipArchive } from "archiver";
import { neutraliseCell } from "../src/shared/csv.js";
import { readZip } from "../test/helpers/zip.js";
import { table } from "./support/load.js";
import { benchDatabase, signUpFirm, startBare, startChambers, type RawDatabase } from "./support/servers.js";

export const title = "GET /api/v1/firm/export (10,000 users, 100,000 feed entries) vs hand-written SQL; memory while streaming";

const PAGE = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Never exported: secrets, and what the database derives for itself. */
const NEVER = ["firm_id", "password_hash", "token_hash", "csrf_token", "secret", "search_text", "sort_name"];

/** The baseline's files, by hand: table, key, extra columns. */
const FILES: { name: string; table: string; key: string[]; extra?: string }[] = [
  {
    name: "users.csv",
    table: "users",
    key: ["id"],
    extra: `(select string_agg(r.name, '; ' order by r.name) from user_roles ur join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id where ur.firm_id = t.firm_id and ur.user_id = t.id) as roles,
      (select string_agg(g.name, '; ' order by g.name) from group_members gm join groups g on g.firm_id = gm.firm_id and g.id = gm.group_id where gm.firm_id = t.firm_id and gm.user_id = t.id) as groups`,
  },
  { name: "roles.csv", table: "roles", key: ["id"] },
  { name: "user_roles.csv", table: "user_roles", key: ["user_id", "role_id"] },
  { name: "groups.csv", table: "groups", key: ["id"] },
  { name: "group_members.csv", table: "group_members", key: ["group_id", "user_id"], extra: `(select u.email from users u where u.firm_id = t.firm_id and u.id = t.user_id) as user_email` },
  { name: "contacts.csv", table: "contacts", key: ["id"] },
  { name: "matters.csv", table: "matters", key: ["id"] },
  { name: "matter_groups.csv", table: "matter_groups", key: ["matter_id", "group_id"] },
  { name: "custom_rates.csv", table: "custom_rates", key: ["id"] },
  { name: "tasks.csv", table: "tasks", key: ["id"] },
  { name: "calendar_events.csv", table: "calendar_events", key: ["id"] },
  { name: "event_attendees.csv", table: "event_attendees", key: ["event_id", "user_id"] },
  { name: "message_threads.csv", table: "message_threads", key: ["id"] },
  { name: "thread_users.csv", table: "thread_users", key: ["thread_id", "user_id"] },
  { name: "thread_contacts.csv", table: "thread_contacts", key: ["thread_id", "contact_id"] },
  { name: "messages.csv", table: "messages", key: ["id"] },
  { name: "invitations.csv", table: "invitations", key: ["id"] },
  { name: "feed.csv", table: "activities", key: ["seq"] },
  { name: "charges.csv", table: "charges", key: ["id"] },
  { name: "addons.csv", table: "addons", key: ["key"] },
  { name: "addon_allocations.csv", table: "addon_allocations", key: ["addon_key", "user_id"], extra: `(select u.email from users u where u.firm_id = t.firm_id and u.id = t.user_id) as user_email` },
];

const cell = (v: unknown) => (Array.isArray(v) ? neutraliseCell(v.map((x) => (typeof x === "object" && x !== null ? JSON.stringify(x) : String(x))).join("; ")) : neutraliseCell(v));

type BaselinePlan = { name: string; table: string; key: string[]; columns: string[]; first: string; next: string };

/** Each file's two statements, written here over the table's columns as the catalogue lists them. */
async function baselinePlans(raw: RawDatabase): Promise<BaselinePlan[]> {
  const plans: BaselinePlan[] = [];
  for (const f of FILES) {
    const cols = (await raw.query<{ column_name: string }>(`cols_${f.table}`, `select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position`, [f.table]))
      .map((c) => c.column_name)
      .filter((c) => !NEVER.includes(c));
    const extraNames = f.extra ? [...f.extra.matchAll(/ as (\w+)/g)].map((m) => m[1]!) : [];
    const select = `select ${cols.map((c) => `t.${c}`).join(", ")}${f.extra ? `, ${f.extra}` : ""} from ${f.table} t where t.firm_id = $1`;
    const keys = f.key.map((k) => `t.${k}`).join(", ");
    plans.push({
      ...f,
      columns: [...cols, ...extraNames],
      first: `${select} order by ${keys} limit ${PAGE}`,
      next: `${select} and (${keys}) > (${f.key.map((_, i) => `$${i + 2}`).join(", ")}) order by ${keys} limit ${PAGE}`,
    });
  }
  return plans;
}

/** The bare route: the same zip, from those statements on the raw driver. */
function baselineRoute(app: FastifyInstance, raw: RawDatabase, plans: BaselinePlan[]) {
  app.get<{ Querystring: { firm: string } }>("/export", async (request, reply) => {
    const firm = request.query.firm;
    const zip = new ZipArchive({ zlib: { level: 6 } });
    for (const p of plans) {
      async function* csv() {
        yield stringify([p.columns], { bom: true, record_delimiter: "windows" });
        let page = await raw.query<Record<string, unknown>>(`b_${p.table}_1`, p.first, [firm]);
        while (page.length > 0) {
          yield stringify(page.map((r) => p.columns.map((c) => cell(r[c]))), { record_delimiter: "windows" });
          if (page.length < PAGE) break;
          const last = page[page.length - 1]!;
          page = await raw.query<Record<string, unknown>>(`b_${p.table}_n`, p.next, [firm, ...p.key.map((k) => last[k])]);
        }
      }
      zip.append(Readable.from(csv()), { name: p.name });
    }
    void zip.finalize();
    return reply.type("application/zip").send(zip);
  });
}

/** A firm with `users` more users and `feed` more feed entries, written straight in SQL. */
async function seed(raw: RawDatabase, firmId: string, users: number, feed: number) {
  const tag = Math.random().toString(36).slice(2, 8);
  await raw.transaction([
    {
      text: `insert into users (firm_id, id, email, first_name, last_name, subscription_type, status, created_at, updated_at)
             select $1, 'u-${tag}-' || i, 'person' || i || '.${tag}@bench.test', 'First' || i, case when i % 10 = 0 then '=Formula' || i else 'Last' || i end,
                    'attorney', 'active', now(), now() from generate_series(1, $2::int) i`,
      values: [firmId, users],
    },
    {
      text: `insert into activities (firm_id, id, actor_name, kind, subject_type, subject_id, subject_label, changes, created_at)
             select $1, 'a-${tag}-' || i, 'Bench', 'user.updated', 'user', 'u-${tag}-' || (1 + i % greatest($3::int, 1)), 'Person ' || i,
                    jsonb_build_object('city', jsonb_build_object('before', null, 'after', 'Town ' || i)), now() from generate_series(1, $2::int) i`,
      values: [firmId, feed, users],
    },
  ]);
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Downloads `url` to the end; how long it took, the zip, and the peak growth meanwhile of the
 * heap in use (garbage included), of the live heap (after a forced collection, with
 * --expose-gc and `live`: what the export really holds) and of the RSS.
 */
async function download(url: string, headers: Record<string, string> = {}, live = false) {
  gc?.();
  const start = process.memoryUsage();
  let peakHeap = start.heapUsed;
  let peakLive = start.heapUsed;
  let peakRss = start.rss;
  let ticks = 0;
  const sample = setInterval(() => {
    if (live && gc && ++ticks % 20 === 0) {
      gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 10);
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const chunks: Buffer[] = [];
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  const ms = performance.now() - t0;
  clearInterval(sample);
  const zip = Buffer.concat(chunks);
  return { ms, zip, heapMb: (peakHeap - start.heapUsed) / 1048576, liveMb: (peakLive - start.heapUsed) / 1048576, rssMb: (peakRss - start.rss) / 1048576 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function run() {
  const chambers = await startChambers();
  const plans = await baselinePlans(chambers.it.raw);
  const bare = await startBare((app) => baselineRoute(app, chambers.it.raw, plans));
  try {
    const app = chambers.it.runtime.app;
    const firmOf = async (token: string) => ((await app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } })).json() as { firm: { id: string } }).firm.id;
    const smallToken = await signUpFirm(chambers.it.runtime);
    const bigToken = await signUpFirm(chambers.it.runtime);
    const small = await firmOf(smallToken);
    const big = await firmOf(bigToken);
    await seed(chambers.it.raw, small, 1_000, 10_000);
    await seed(chambers.it.raw, big, 10_000, 100_000);
    const real = (token: string, live = false) => download(`${chambers.baseUrl}/api/v1/firm/export`, { authorization: `Bearer ${token}` }, live);
    const base = (firm: string) => download(`${bare.baseUrl}/export?firm=${firm}`);

    // The baseline must build the very same files, or its figures mean nothing.
    const [a, b] = [readZip((await real(bigToken)).zip), readZip((await base(big)).zip)];
    if ([...a.keys()].join() !== [...b.keys()].join()) throw new Error("the baseline's zip holds other files");
    for (const [name, text] of a) if (b.get(name) !== text) throw new Error(`the baseline's ${name} differs from Chambers'`);
    const rows = (name: string) => a.get(name)!.split("\r\n").length - 2;

    const runs = { chambers: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      runs.chambers.push((await real(bigToken)).ms);
      runs.baseline.push((await base(big)).ms);
    }
    // Memory apart from timing: the forced collections would slow what is timed.
    const memory = { small: [await real(smallToken, true)], big: [await real(bigToken, true)] };
    const result = {
      database: benchDatabase(),
      rows: { users: rows("users.csv"), feed: rows("feed.csv") },
      zip_mb: round((await real(bigToken)).zip.length / 1048576, 2),
      chambers_ms: round(median(runs.chambers), 0),
      hand_written_ms: round(median(runs.baseline), 0),
      ratio: round(median(runs.chambers) / median(runs.baseline), 2),
      peak_heap_growth_mb: { at_10_percent: round(median(memory.small.map((m) => m.heapMb))), at_100_percent: round(median(memory.big.map((m) => m.heapMb))) },
      peak_live_heap_growth_mb: { at_10_percent: round(median(memory.small.map((m) => m.liveMb))), at_100_percent: round(median(memory.big.map((m) => m.liveMb))) },
      peak_rss_growth_mb: { at_10_percent: round(median(memory.small.map((m) => m.rssMb))), at_100_percent: round(median(memory.big.map((m) => m.rssMb))) },
    };
    console.log(
      table([
        ["", "value"],
        ["rows exported (users, feed)", `${result.rows.users}, ${result.rows.feed}`],
        ["zip size (MB)", String(result.zip_mb)],
        ["GET /api/v1/firm/export (Chambers), median ms", String(result.chambers_ms)],
        ["hand-written SQL on the raw driver, median ms", String(result.hand_written_ms)],
        ["Chambers / hand-written", String(result.ratio)],
        ["peak heap growth while streaming, 10% / 100% of the data (MB)", `${result.peak_heap_growth_mb.at_10_percent} / ${result.peak_heap_growth_mb.at_100_percent}`],
        ["peak live heap growth (after forced GCs), 10% / 100% (MB)", `${result.peak_live_heap_growth_mb.at_10_percent} / ${result.peak_live_heap_growth_mb.at_100_percent}`],
        ["peak RSS growth while streaming, 10% / 100% of the data (MB)", `${result.peak_rss_growth_mb.at_10_percent} / ${result.peak_rss_growth_mb.at_100_percent}`],
      ]),
    );
    return result;
  } finally {
    await bare.close();
    await chambers.close();
  }
}
