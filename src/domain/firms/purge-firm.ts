/**
 * CLS-2: what the scheduler does to a closed firm. A reminder a few days before the purge (the
 * feed says when the data goes, administrators are notified and emailed), then the purge itself:
 * every row of every table that holds a `firm_id`, then the firm. The feed refuses deletes
 * (FEED-4) unless this very transaction names the firm in `chambers.purge_firm` and the firm's
 * closing records that its purge has started (migration 0021's trigger).
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { firmClosures, firms } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { recordActivity } from "../feed/record-activity.js";
import { tellAdministrators } from "./close-firm.js";

export const PURGE_NOTICE = "firm.purge_notice";

/** The firm and its closing, locked; null when the firm is gone or not closed. */
async function lockClosedFirm(tx: Tx, firmId: string) {
  const [row] = await tx
    .select({ firm: firms, closure: firmClosures })
    .from(firms)
    .innerJoin(firmClosures, eq(firmClosures.firmId, firms.id))
    .where(eq(firms.id, firmId))
    .for("update");
  return row && row.firm.status === "closed" ? row : null;
}

/** The reminder: the feed says when the data goes, and the administrators hear it again. */
export async function sendPurgeNotice(tx: Tx, clock: Clock, firmId: string): Promise<void> {
  const row = await lockClosedFirm(tx, firmId);
  if (!row || row.closure.purgeNoticeAt) return;
  const { firm, closure } = row;
  await tx.update(firmClosures).set({ purgeNoticeAt: clock.now() }).where(eq(firmClosures.firmId, firm.id));
  await recordActivity(tx, clock, {
    firmId: firm.id,
    actor: { id: null, name: "Chambers" },
    kind: PURGE_NOTICE,
    subject: { type: "firm", id: firm.id, label: firm.name },
    after: { purge_at: closure.purgeAt.toISOString() },
  });
  await tellAdministrators(tx, clock, firm, closure.purgeAt, true);
}

/**
 * The tables holding a firm's rows, children before the tables they reference, so that each
 * delete leaves no reference behind. Read from the catalogue, so a table added later is purged
 * too without anyone remembering to list it here.
 */
async function firmTablesInDeleteOrder(tx: Tx): Promise<string[]> {
  const tables = rows<{ table_name: string }>(
    await tx.execute(sql`select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema() and c.column_name = 'firm_id' order by c.table_name`),
  ).map((r) => r.table_name);
  const edges = rows<{ child: string; parent: string }>(
    await tx.execute(sql`select cl.relname as child, pl.relname as parent from pg_constraint k
      join pg_class cl on cl.oid = k.conrelid join pg_class pl on pl.oid = k.confrelid
      join pg_namespace n on n.oid = cl.relnamespace
      where k.contype = 'f' and n.nspname = current_schema() and k.conrelid <> k.confrelid`),
  );
  const set = new Set(tables);
  // parent -> children still to delete before it
  const waiting = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const { child, parent } of edges) if (set.has(child) && set.has(parent)) waiting.get(parent)!.add(child);
  const order: string[] = [];
  while (order.length < tables.length) {
    const ready = tables.find((t) => !order.includes(t) && [...waiting.get(t)!].every((c) => order.includes(c)));
    if (!ready) throw new Error("the firm's tables reference each other in a cycle: no delete order exists");
    order.push(ready);
  }
  return order;
}

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The purge, once due: every row of the firm goes, the feed's included, then the firm. */
export async function purgeFirm(tx: Tx, clock: Clock, firmId: string): Promise<boolean> {
  const row = await lockClosedFirm(tx, firmId);
  if (!row) return false;
  const now = clock.now();
  if (row.closure.purgeAt > now) return false;
  await tx.update(firmClosures).set({ purgeStartedAt: now }).where(eq(firmClosures.firmId, firmId));
  // Transaction-local: the feed's trigger lets this firm's entries go, in this transaction only.
  await tx.execute(sql`select set_config('chambers.purge_firm', ${firmId}, true)`);
  // The feed first: its trigger reads the firm's closing, which goes with the rest.
  const order = ["activities", ...(await firmTablesInDeleteOrder(tx)).filter((t) => t !== "activities")];
  for (const table of order) {
    await tx.execute(sql`delete from ${sql.identifier(table)} where firm_id = ${firmId}`);
  }
  await tx.delete(firms).where(eq(firms.id, firmId));
  return true;
}
