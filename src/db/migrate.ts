/**
 * Applies the versioned SQL migrations under src/db/migrations (OPS-3). An advisory lock
 * keeps several instances starting together from migrating at once.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Database } from "./client.js";

const MIGRATION_LOCK = 7_320_001;

/** Where the SQL lives, both from source (tsx) and from the compiled dist/. */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "migrations"), join(here, "../../../src/db/migrations")];
  const found = candidates.find((p) => existsSync(join(p, "meta/_journal.json")));
  if (!found) throw new Error(`migrations folder not found near ${here}`);
  return found;
}

export async function migrate(database: Database): Promise<void> {
  const migrationsFolderPath = migrationsFolder();
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: migrationsFolderPath });
    return;
  }
  await database.withAdvisoryLock(MIGRATION_LOCK, () =>
    migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: migrationsFolderPath }),
  );
}

/**
 * True when every migration of this build has been applied (readiness, OPS-4): the newest
 * recorded migration is at least the journal's last, as drizzle's migrator itself decides.
 * A database never migrated has no record table: that is "pending", not "unreachable".
 */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta/_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  const last = journal.entries.at(-1)?.when ?? 0;
  const table = await database.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!(table as unknown as { rows: { present: boolean }[] }).rows[0]?.present) return last === 0;
  const res = await database.db.execute(
    sql`select coalesce(max(created_at), 0)::text as newest from drizzle.__drizzle_migrations`,
  );
  const rows = (res as unknown as { rows: { newest: string }[] }).rows;
  return Number(rows[0]?.newest ?? 0) >= last;
}
