/** HTTP load with autocannon: a warm-up, then a measured run (DESIGN: benchmarks print ratios). */
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Seconds measured, after `warmupSeconds` that are not. */
  seconds?: number;
  warmupSeconds?: number;
  /** 10 keeps client and server within two cores. */
  connections?: number;
}

export interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
}

export const DEFAULT_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
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

/** Measures `url`, failing loudly if any request errors or answers other than 2xx. */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  await once(opts, opts.warmupSeconds ?? 1);
  const r = await once(opts, opts.seconds ?? DEFAULT_SECONDS);
  if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0) {
    throw new Error(`${opts.url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx of ${r.requests.total} requests`);
  }
  return { rps: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99, requests: r.requests.total };
}

/** A plain text table: the first row is the header. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("   ")).join("\n");
}

export const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
