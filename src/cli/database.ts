/** Opens the database the configuration names, as the server would (OPS-1, OPS-2). */
import { resolve } from "node:path";
import { loadConfig } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";

export interface Target {
  database: Database;
  /** Where the data lives, for messages; never includes a password. */
  where: string;
}

export async function openConfiguredDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  return { database, where: describe(config.DATABASE_URL, config.DATA_DIR) };
}

function describe(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return dataDir.startsWith("memory://") ? "an in-memory database" : `the embedded database in ${resolve(dataDir)}`;
  try {
    const url = new URL(databaseUrl);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
}

/** Runs `fn` with the configured database and always closes it. */
export async function withDatabase<T>(fn: (target: Target) => Promise<T>): Promise<T> {
  const target = await openConfiguredDatabase();
  try {
    return await fn(target);
  } finally {
    await target.database.close();
  }
}
