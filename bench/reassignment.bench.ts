/**
 * Work reassignment at scale (REA): one user's 20,000 matters, 100,000 tasks and 100,000 events
 * moved by POST /api/v1/reassignments, against the bare UPDATE statements that move the same
 * rows (one transaction on the raw driver), in the same run on the same tables: two firms hold
 * identical data, Chambers moves one firm's, the baseline the other's, in interleaved rounds,
 * both put back and vacuumed between rounds. Then the preview of the same, and the memory of the
 * process (RSS and heap growth) while reassigning and while streaming the CSV report, at 10%
 * and at 100% of the data: it must not grow with the number of items.
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client.js";
import { addAttorneys, analyze, fillAttorneys, fillWork, type FirmData } from "./support/practice-data.js";
import { ratio, ROUNDS, table } from "./support/load.js";
import { benchDatabase, signUpFirm, startChambers, type RawDatabase } from "./support/servers.js";

export const title = "POST /api/v1/reassignments (20,000 matters, 100,000 tasks, 100,000 events) vs the bare UPDATEs; preview; memory";

const MATTERS = Number(process.env.BENCH_REASSIGN_MATTERS ?? 20_000);
const SMALL = Math.max(1, Math.floor(MATTERS / 10));
const TARGETS = ["to-matters", "to-tasks", "to-events"];

// A collection before each memory measurement, so that what is measured is what the work adds.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

interface Peak {
  ms: number;
  rss_growth_mb: number;
  /** The highest heap in use, garbage included. */
  heap_growth_mb: number;
  /** The highest heap still in use after a collection (`live`: one every 100 ms), what the work really holds. */
  live_heap_growth_mb?: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/**
 * Runs `fn`, sampling the process's memory every 5 ms: the time, and the peak growth of RSS and
 * heap over the start; with `live`, also the heap left after a collection every 100 ms (which
 * costs time: not for what is timed against a baseline).
 */
async function measured<T>(fn: () => Promise<T>, opts: { live?: boolean } = {}): Promise<{ result: T; peak: Peak }> {
  gc();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  let live = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timers = [setInterval(sample, 5)];
  if (opts.live) {
    timers.push(
      setInterval(() => {
        gc();
        live = Math.max(live, process.memoryUsage().heapUsed);
      }, 100),
    );
  }
  const started = performance.now();
  try {
    const result = await fn();
    sample();
    const peak: Peak = { ms: Math.round(performance.now() - started), rss_growth_mb: mb(rss - base.rss), heap_growth_mb: mb(heap - base.heapUsed) };
    if (opts.live) peak.live_heap_growth_mb = mb(live - base.heapUsed);
    return { result, peak };
  } finally {
    for (const t of timers) clearInterval(t);
  }
}

/** The bare UPDATEs that move what REA-2..4 move, in one transaction. */
function bareUpdates(firm: FirmData, who: string) {
  const now = new Date();
  const [toMatters, toTasks, toEvents] = TARGETS.map((t) => `${firm.prefix}-${t}`);
  const from = `${firm.prefix}-${who}`;
  const open = `m.status in ('open', 'pending') and m.access_kind <> 'private'`;
  return [
    {
      text: `update matters m set responsible_attorney_id = $3, updated_at = $4
              where m.firm_id = $1 and m.responsible_attorney_id = $2 and ${open}`,
      values: [firm.firmId, from, toMatters, now],
    },
    {
      text: `update tasks t set assignee_id = $3, updated_at = $4 from matters m
              where t.firm_id = $1 and t.assignee_id = $2 and t.completed_at is null and (t.due_at is null or t.due_at >= $4)
                and m.firm_id = t.firm_id and m.id = t.matter_id and ${open}`,
      values: [firm.firmId, from, toTasks, now],
    },
    {
      text: `update calendar_events e set owner_id = $3, updated_at = $4 from matters m
              where e.firm_id = $1 and e.owner_id = $2 and e.calendar = 'user' and e.start_at >= $4
                and m.firm_id = e.firm_id and m.id = e.matter_id and ${open}`,
      values: [firm.firmId, from, toEvents, now],
    },
  ];
}

/** Gives the work back to `who` (not measured): the targets hold nothing else. */
async function putBack(db: Db, firm: FirmData, who: string) {
  const [toMatters, toTasks, toEvents] = TARGETS.map((t) => `${firm.prefix}-${t}`);
  const from = `${firm.prefix}-${who}`;
  await db.execute(sql`update matters set responsible_attorney_id = ${from} where firm_id = ${firm.firmId} and responsible_attorney_id = ${toMatters}`);
  await db.execute(sql`update tasks set assignee_id = ${from} where firm_id = ${firm.firmId} and assignee_id = ${toTasks}`);
  await db.execute(sql`update calendar_events set owner_id = ${from} where firm_id = ${firm.firmId} and owner_id = ${toEvents}`);
}

async function makeFirm(chambers: Awaited<ReturnType<typeof startChambers>>, prefix: string) {
  const { runtime } = chambers.it;
  const token = await signUpFirm(runtime);
  const me = (await runtime.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } })).json() as { id: string; firm: { id: string } };
  const firm: FirmData = { firmId: me.firm.id, ownerId: me.id, prefix };
  const { db } = runtime.deps.database;
  await fillAttorneys(db, firm, 10);
  await addAttorneys(db, firm, ["leaver", "small", ...TARGETS]);
  await fillWork(db, firm, "leaver", MATTERS);
  await fillWork(db, firm, "small", SMALL);
  return { firm, token };
}

export async function run() {
  const chambers = await startChambers();
  try {
    const { db } = chambers.it.runtime.deps.database;
    const raw: RawDatabase = chambers.it.raw;
    const a = await makeFirm(chambers, "a"); // Chambers moves this firm's work
    const b = await makeFirm(chambers, "b"); // the bare UPDATEs move this one's
    await analyze(db);
    const headers = { authorization: `Bearer ${a.token}`, "content-type": "application/json" };
    const plan = (who: string) =>
      JSON.stringify({ from_user_id: `a-${who}`, matters_to: "a-to-matters", tasks_to: "a-to-tasks", events_to: "a-to-events" });
    const post = async (path: string, who: string, status: number) => {
      const res = await fetch(`${chambers.baseUrl}/api/v1/${path}`, { method: "POST", headers, body: plan(who) });
      if (res.status !== status) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const expected = { matters: MATTERS, tasks: 5 * MATTERS, events: 5 * MATTERS };

    // The preview of the whole work, before anything moves: the median of 5.
    const previews: number[] = [];
    let preview: Record<string, unknown> = {};
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      preview = await post("reassignments/preview", "leaver", 200);
      previews.push(performance.now() - started);
    }
    const counted = Object.fromEntries(Object.keys(expected).map((k) => [k, (preview[k] as { count: number }).count]));
    if (JSON.stringify(counted) !== JSON.stringify(expected)) throw new Error(`the preview counts ${JSON.stringify(counted)}, expected ${JSON.stringify(expected)}`);

    // Interleaved rounds, each starting with the other side, both put back and vacuumed after.
    const rounds: { chambers: Peak; bare_ms: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const runChambers = async () => {
        const { result, peak } = await measured(() => post("reassignments", "leaver", 201));
        const counts = result.counts as Record<string, number>;
        if (JSON.stringify(counts) !== JSON.stringify(expected)) throw new Error(`Chambers moved ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
        return peak;
      };
      const runBare = async () => {
        const started = performance.now();
        const changed = await raw.transaction(bareUpdates(b.firm, "leaver"));
        if (changed.join() !== Object.values(expected).join()) throw new Error(`the bare UPDATEs moved ${changed.join()}, expected ${Object.values(expected).join()}`);
        return Math.round(performance.now() - started);
      };
      // Each side starts with no dirty pages of the other's left to write: a checkpoint first.
      const level = () => db.execute(sql`checkpoint`).catch(() => undefined);
      let peak: Peak;
      let bare: number;
      if (round % 2 === 0) {
        await level();
        peak = await runChambers();
        await level();
        bare = await runBare();
      } else {
        await level();
        bare = await runBare();
        await level();
        peak = await runChambers();
      }
      rounds.push({ chambers: peak, bare_ms: bare });
      if (round < ROUNDS - 1) {
        await putBack(db, a.firm, "leaver");
        await putBack(db, b.firm, "leaver");
        await db.execute(sql`vacuum analyze matters, tasks, calendar_events`);
      }
    }

    // Memory at 10% and at 100% of the size, measured again outside the timed rounds (the
    // collections that find the live heap cost time): reassigning, then streaming each report.
    // (The whole first: putting it back gives the targets' holdings to the leaver.)
    await putBack(db, a.firm, "leaver");
    const big = await measured(() => post("reassignments", "leaver", 201), { live: true });
    const bigId = big.result.id as string;
    const small = await measured(() => post("reassignments", "small", 201), { live: true });
    const smallId = small.result.id as string;
    const report = (id: string) =>
      measured(async () => {
        const res = await fetch(`${chambers.baseUrl}/api/v1/reassignments/${id}/report.csv`, { headers });
        if (res.status !== 200 || !res.body) throw new Error(`report: ${res.status}`);
        let bytes = 0;
        let lines = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
          for (const c of chunk) if (c === 10) lines++;
        }
        return { bytes, rows: lines - 1 };
      }, { live: true });
    const smallReport = await report(smallId);
    const bigReport = await report(bigId);
    const bigItems = expected.matters + expected.tasks + expected.events;
    if (bigReport.result.rows !== bigItems) throw new Error(`the report has ${bigReport.result.rows} rows, expected ${bigItems}`);

    const chambersMs = median(rounds.map((r) => r.chambers.ms));
    const bareMs = median(rounds.map((r) => r.bare_ms));
    const previewMs = Math.round(median(previews));
    const bigPeak = big.peak;
    const result = {
      database: benchDatabase(),
      moved: expected,
      rounds: rounds.map((r) => ({ chambers_ms: r.chambers.ms, bare_ms: r.bare_ms })),
      reassignment_ms: chambersMs,
      bare_updates_ms: bareMs,
      preview_ms: previewMs,
      ratio: {
        reassignment_vs_bare: ratio(chambersMs, bareMs),
        preview_vs_bare: ratio(previewMs, bareMs),
        preview_vs_reassignment: ratio(previewMs, chambersMs),
      },
      excluded: preview.excluded,
      memory: {
        reassign_10pct: small.peak,
        reassign_100pct: bigPeak,
        report_10pct: { ...smallReport.peak, rows: smallReport.result.rows, mb: mb(smallReport.result.bytes) },
        report_100pct: { ...bigReport.peak, rows: bigReport.result.rows, mb: mb(bigReport.result.bytes) },
      },
    };
    const memRow = (label: string, p: Peak, extra = "") => [label, String(p.ms), String(p.rss_growth_mb), String(p.heap_growth_mb), String(p.live_heap_growth_mb ?? "-"), extra];
    console.log(
      table([
        ["", "ms (median)", "rounds"],
        [`POST /api/v1/reassignments (${expected.matters} + ${expected.tasks} + ${expected.events} items)`, String(chambersMs), rounds.map((r) => r.chambers.ms).join(" ")],
        ["bare UPDATEs moving the same rows (one transaction)", String(bareMs), rounds.map((r) => r.bare_ms).join(" ")],
        ["POST /api/v1/reassignments/preview of the same", String(previewMs), previews.map(Math.round).join(" ")],
        ["reassignment / bare UPDATEs (target <= 1.5)", String(result.ratio.reassignment_vs_bare), ""],
        ["preview / bare UPDATEs (target < 0.5)", String(result.ratio.preview_vs_bare), ""],
      ]),
    );
    console.log(
      table([
        ["memory while ...", "ms", "RSS +MB", "heap +MB", "live heap +MB", ""],
        memRow(`reassigning 10% (${SMALL} matters, ${5 * SMALL} tasks, ${5 * SMALL} events)`, small.peak),
        memRow(`reassigning 100% (${MATTERS} matters, ${5 * MATTERS} tasks, ${5 * MATTERS} events)`, bigPeak),
        memRow("streaming report.csv of 10%", smallReport.peak, `${smallReport.result.rows} rows, ${mb(smallReport.result.bytes)} MB`),
        memRow("streaming report.csv of 100%", bigReport.peak, `${bigReport.result.rows} rows, ${mb(bigReport.result.bytes)} MB`),
      ]),
    );
    return result;
  } finally {
    await chambers.close();
  }
}
