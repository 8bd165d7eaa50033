/** OPS-4: is the database reachable, and is every migration of this build applied? */
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { migrationsApplied } from "../db/migrate.js";

export async function readiness(database: Database): Promise<"ready" | "migrations_pending" | "unreachable"> {
  try {
    await database.db.execute(sql`select 1`);
    return (await migrationsApplied(database)) ? "ready" : "migrations_pending";
  } catch {
    return "unreachable";
  }
}
