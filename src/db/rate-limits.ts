/**
 * SEC-8: fixed-window budgets kept in the database, so every instance spends the same budget.
 * One statement counts a hit against every budget of a request and answers where each stands.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "./client.js";
import { sha256 } from "../domain/secrets.js";

export interface Budget {
  /** What is limited and whose budget it is, e.g. `sign-in:account|ann@firm.com`. */
  key: string;
  windowMs: number;
}

export interface BudgetState {
  hits: number;
  resetAt: Date;
}

/** Counts one hit against each budget (a window that has ended starts again at 1). */
export async function hitBudgets(db: Executor, now: Date, budgets: readonly Budget[]): Promise<BudgetState[]> {
  if (!budgets.length) return [];
  const hashed = budgets.map((b) => ({ key: sha256(b.key), resetAt: new Date(now.getTime() + b.windowMs).toISOString() }));
  const values = sql.join(
    hashed.map((b) => sql`(${b.key}, 1, ${b.resetAt}::timestamptz)`),
    sql`, `,
  );
  const nowIso = now.toISOString();
  const result = await db.execute(sql`
    insert into rate_limits as r (key, hits, reset_at) values ${values}
    on conflict (key) do update set
      hits = case when r.reset_at <= ${nowIso}::timestamptz then 1 else r.hits + 1 end,
      reset_at = case when r.reset_at <= ${nowIso}::timestamptz then excluded.reset_at else r.reset_at end
    returning key, hits, reset_at`);
  const rows = (result as unknown as { rows: { key: string; hits: number | string; reset_at: string | Date }[] }).rows;
  const byKey = new Map(rows.map((r) => [r.key, { hits: Number(r.hits), resetAt: new Date(r.reset_at) }]));
  return hashed.map((b) => byKey.get(b.key)!);
}

/** Forgets windows that ended before `now` (run by the scheduler's housekeeping). */
export async function purgeEndedBudgets(db: Executor, now: Date): Promise<void> {
  await db.execute(sql`delete from rate_limits where reset_at <= ${now.toISOString()}::timestamptz`);
}
