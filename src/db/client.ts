/**
 * The one client factory: embedded PGlite in DATA_DIR when DATABASE_URL is unset (OPS-1),
 * PostgreSQL through `pg` when it is set (OPS-2). Both speak the same SQL dialect and are
 * used through the same Drizzle API.
 */
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { getTableColumns, type Column, type ExtractTablesWithRelations, type Table } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema.js";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or a transaction. */
export type Executor = Db | Tx;

export type Listener = (payload: string) => void;

/** What Drizzle's sessions hold: pg's Pool or pooled Client, or PGlite or its transaction. */
interface DriverClient {
  query(text: string | { name: string; text: string; values: unknown[] }, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A hot statement (DESIGN habit 16): its SQL is written once, with `$1`, `$2`... for its
 * parameters, and sent straight to the driver under the database or transaction the executor
 * stands for. On PostgreSQL it is a named prepared statement, parsed and planned once per
 * connection; PGlite, in process, has no such thing. Rows come back with the driver's own
 * types (timestamps as Dates, JSON parsed); `tableRow` maps whole rows.
 */
export function prepared<Row>(name: string, text: string): (executor: Executor, params: unknown[]) => Promise<Row[]> {
  return async (executor, params) => {
    const client = (executor._.session as unknown as { client: DriverClient }).client;
    const named = client instanceof pg.Pool || client instanceof pg.Client;
    const result = named ? await client.query({ name, text, values: params }) : await client.query(text, params);
    return result.rows as Row[];
  };
}

/**
 * A whole row of a table in a hand-written statement, as one JSON column (`to_json(alias)`):
 * the driver hands each column to a parser of its own, JSON is parsed in one go, many times
 * cheaper for wide rows. `map` turns it back into the table's Drizzle type through Drizzle's
 * own column mappers, so a column added to the schema is never forgotten here.
 */
export function tableRow<T extends Table>(table: T, alias: string) {
  const fields = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, column }));
  const read = (value: unknown, column: Column) => (value === null || value === undefined ? null : column.mapFromDriverValue(value));
  // One object literal of the table's shape, written out once: every row gets the same fast
  // hidden class, where building it key by key costs many times more (hot lists, DESIGN 16).
  const literal = fields.map((f, i) => `${JSON.stringify(f.key)}: read(json[${JSON.stringify(f.column.name)}], columns[${i}])`).join(", ");
  const map = new Function("read", "columns", `return (json) => ({ ${literal} });`)(read, fields.map((f) => f.column)) as (
    json: Record<string, unknown>,
  ) => T["$inferSelect"];
  return { json: `to_json(${alias})`, map };
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Subscribe to a NOTIFY channel; messages sent inside a transaction arrive after commit. */
  listen(channel: string, fn: Listener): Promise<() => Promise<void>>;
  /** Run `fn` while holding a cluster-wide advisory lock (one instance at a time). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir ?? "./data");
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // pg_trgm serves the user list's search index, as it does on PostgreSQL.
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async listen(channel, fn) {
      const unsub = await client.listen(channel, fn);
      return async () => unsub();
    },
    // One embedded database belongs to one process: there is nobody to exclude.
    withAdvisoryLock: (_key, fn) => fn(),
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A broken idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: "postgres",
    async listen(channel, fn) {
      const stop = await listenPostgres(url, channel, fn);
      const unlisten = async () => {
        listeners.delete(unlisten);
        await stop();
      };
      listeners.add(unlisten);
      return unlisten;
    },
    async withAdvisoryLock(key, fn) {
      const conn = await pool.connect();
      try {
        await conn.query("select pg_advisory_lock($1)", [key]);
        try {
          return await fn();
        } finally {
          await conn.query("select pg_advisory_unlock($1)", [key]);
        }
      } finally {
        conn.release();
      }
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

const RELISTEN_MIN_MS = 100;
const RELISTEN_MAX_MS = 10_000;

/**
 * LISTEN on a dedicated connection. When that connection is lost (a database restart, a
 * failover, an idle connection killed) it listens again on a new one, with backoff: without
 * this an instance silently stopped hearing of notifications until it was restarted.
 */
async function listenPostgres(url: string, channel: string, fn: Listener): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let stopped = false;
  // Only once the first LISTEN worked: a failure at start is the caller's to see.
  let started = false;
  let retry: NodeJS.Timeout | null = null;
  let delay = RELISTEN_MIN_MS;

  const again = () => {
    if (stopped || !started || retry) return;
    retry = setTimeout(() => {
      retry = null;
      open().catch(again);
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, RELISTEN_MAX_MS);
  };

  async function open(): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (current === client) current = null;
      client.end().catch(() => undefined);
      if (current === null) again();
    };
    client.on("notification", (msg) => {
      if (msg.channel === channel) fn(msg.payload ?? "");
    });
    client.on("error", onLost);
    client.on("end", onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      lost = true;
      await client.end().catch(() => undefined);
      throw err;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    delay = RELISTEN_MIN_MS;
  }

  await open();
  started = true;
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    retry = null;
    const client = current;
    current = null;
    await client?.end().catch(() => undefined);
  };
}
