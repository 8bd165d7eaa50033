/** Opens the database the configuration names, as the server would (OPS-1, OPS-2). */
import { resolve } from "node:path";
import { loadConfig, type Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";

export interface Target {
  config: Config;
  database: Database;
  /** Where the data lives, for messages; never includes a password. */
  where: string;
}

export async function openConfiguredDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  return { config, database, where: describe(config.DATABASE_URL, config.DATA_DIR) };
}

/** The console's address, for links in mail: PUBLIC_URL, or where `npm start` would listen. */
export function consoleUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
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
