/**
 * HTTP load with autocannon (DESIGN: benchmarks print ratios). What is compared is measured
 * interleaved, in rounds, and each figure is the median of its rounds: on a shared machine the
 * load of everything else drifts, and a ratio of two runs minutes apart would measure the drift.
 */
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** 10 keeps client and server within two cores. */
  connections?: number;
}

export interface LoadResult {
  /** Median over the rounds. */
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  /** Requests per second of each round. */
  rounds: number[];
}

/** Seconds of each measured round (BENCH_SECONDS), and how many rounds (BENCH_ROUNDS). */
export const DEFAULT_SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const CONNECTIONS = 10;

function once(opts: LoadOptions, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: opts.url,
    headers: opts.headers,
    connections: opts.connections ?? CONNECTIONS,
    duration,
    // The load generator gets its own thread, so it does not share the server's event loop.
    workers: 1,
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Measures every target: a warm-up second each, then ROUNDS rounds of DEFAULT_SECONDS each, the
 * targets in turn (starting with a different one each round). Fails loudly if any request
 * errors or answers other than 2xx.
 */
export async function loadAll<K extends string>(targets: Record<K, LoadOptions>): Promise<Record<K, LoadResult>> {
  const keys = Object.keys(targets) as K[];
  for (const key of keys) await once(targets[key], 1);
  const runs = Object.fromEntries(keys.map((k) => [k, [] as autocannon.Result[]])) as unknown as Record<K, autocannon.Result[]>;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(i + round) % keys.length]!;
      const r = await once(targets[key], DEFAULT_SECONDS);
      if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0) {
        throw new Error(`${targets[key].url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx of ${r.requests.total} requests`);
      }
      runs[key].push(r);
    }
  }
  const out = {} as Record<K, LoadResult>;
  for (const key of keys) {
    const rs = runs[key];
    out[key] = {
      rps: Math.round(median(rs.map((r) => r.requests.average))),
      p50_ms: median(rs.map((r) => r.latency.p50)),
      p99_ms: median(rs.map((r) => r.latency.p99)),
      requests: rs.reduce((n, r) => n + r.requests.total, 0),
      rounds: rs.map((r) => Math.round(r.requests.average)),
    };
  }
  return out;
}

export const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

/** The median of the ratios a/b round by round (both measured in the same round), to 3 places. */
export function medianRatio(a: LoadResult, b: LoadResult): number | null {
  const each = a.rounds.map((x, i) => (b.rounds[i] ? x / b.rounds[i]! : NaN)).filter((x) => Number.isFinite(x));
  return each.length ? Math.round(median(each) * 1000) / 1000 : null;
}

/** A plain text table: the first row is the header. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("   ")).join("\n");
}
