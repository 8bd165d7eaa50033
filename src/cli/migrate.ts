/** `chambers migrate`: applies the versioned SQL migrations and says which (OPS-3). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { migrate, migrationsFolder } from "../db/migrate.js";
import { withDatabase } from "./database.js";
import type { RunCommand } from "./main.js";

interface JournalEntry {
  tag: string;
  when: number;
}

function journal(): JournalEntry[] {
  const file = join(migrationsFolder(), "meta/_journal.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { entries: JournalEntry[] }).entries;
}

/** The `created_at` of the newest applied migration (drizzle stores the journal's `when`), or 0. */
async function lastApplied(database: Database): Promise<number> {
  const exists = await database.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!(exists as unknown as { rows: { ok: boolean }[] }).rows[0]?.ok) return 0;
  const res = await database.db.execute(sql`select coalesce(max(created_at), 0)::text as at from drizzle.__drizzle_migrations`);
  return Number((res as unknown as { rows: { at: string }[] }).rows[0]?.at ?? 0);
}

const plural = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;

export const run: RunCommand = async (args) => {
  parseArgs({ args, options: {}, strict: true });
  await withDatabase(async ({ database, where }) => {
    const before = await lastApplied(database);
    await migrate(database);
    const after = await lastApplied(database);
    const entries = journal();
    const applied = entries.filter((e) => e.when > before && e.when <= after);
    if (applied.length === 0) {
      console.log(`Already up to date: ${where} has all ${plural(entries.length)}.`);
      return;
    }
    console.log(`Applied ${plural(applied.length)} to ${where}:`);
    for (const e of applied) console.log(`  ${e.tag}`);
  });
};
