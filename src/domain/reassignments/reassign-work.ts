/**
 * REA-1..REA-5, REA-7, REA-8, REA-10: moves a user's work to the targets, all or nothing, in the
 * caller's transaction. POST /reassignments and a deactivation with a plan (DEA-3) both run
 * `runReassignment`, so the two can never move different things.
 *
 * Each kind moves in one set-based statement: an UPDATE whose RETURNING feeds, in the same
 * statement, the array of moved ids kept for the report (REA-9). Nothing goes through
 * JavaScript row by row, so the time stays near the bare UPDATEs' and the memory does not grow
 * with the number of items. Concurrency (REA-7): the source's row is locked first, so two
 * reassignments of the same person run one after the other and the second finds nothing left;
 * every moved row is locked by its UPDATE, and a concurrent edit of it either commits first
 * (the UPDATE then re-reads the row and re-checks its conditions) or waits and then applies
 * on top of the new holder: no edit is lost, nothing moves twice.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { reassignments } from "../../db/schema.js";
import { requirePolicy } from "../../policies/authorize.js";
import { reassignmentPolicy } from "../../policies/reassignments.js";
import type { ReassignmentInput } from "../../shared/reassignment-schemas.js";
import type { Clock } from "../clock.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId } from "../secrets.js";
import { findSource, lockTargets, targetsOf, type Source, type Targets } from "./targets.js";
import { tellRecipients } from "./tell-recipients.js";
import { assignedTo, matterOf, notPastDue, openMatter, ownedUpcoming, responsibleFor, type WorkCounts } from "./work-rules.js";

export const REASSIGNMENT_COMPLETED = "reassignment.completed";

/** Who runs it: an administrator, or the scheduler on their behalf (id null once they are gone). */
export interface ReassignedBy {
  id: string | null;
  name: string;
}

/** Moved ids per row of reassignment_items: what the report reads per statement. */
export const ITEM_CHUNK = 2000;

/** One kind's move: the UPDATE returning the moved ids (as `id`), and the kind the report names. */
function moveStatement(firmId: string, reassignmentId: string, kind: "matter" | "task" | "event", update: SQL): SQL {
  return sql`with moved as (${update}),
    numbered as (select id, row_number() over () - 1 as n from moved)
    insert into reassignment_items (firm_id, reassignment_id, kind, chunk, item_ids)
    select ${firmId}, ${reassignmentId}, ${kind}, n / ${sql.raw(String(ITEM_CHUNK))}, array_agg(id order by n) from numbered group by 4
    returning cardinality(item_ids) as n`;
}

async function moved(tx: Tx, statement: SQL): Promise<number> {
  const result = await tx.execute(statement);
  return (result as unknown as { rows: { n: number }[] }).rows.reduce((sum, row) => sum + Number(row.n), 0);
}

/**
 * Moves the work of `source` (already locked by the caller) to `targets` (already checked and
 * locked), records it, tells each recipient and writes the feed. Returns the reassignment's id
 * and what moved.
 */
export async function runReassignment(tx: Tx, clock: Clock, firmId: string, by: ReassignedBy, source: Source, targets: Targets) {
  const now = clock.now();
  const at = now.toISOString();
  const id = newId();
  // The record first: the moved ids refer to it.
  await tx.insert(reassignments).values({
    firmId,
    id,
    fromUserId: source.id,
    mattersToId: targets.matters ?? null,
    tasksToId: targets.tasks ?? null,
    eventsToId: targets.events ?? null,
    matters: 0,
    tasks: 0,
    events: 0,
    createdById: by.id,
    createdByName: by.name,
    createdAt: now,
  });
  const counts: WorkCounts = { matters: 0, tasks: 0, events: 0 };
  if (targets.matters) {
    counts.matters = await moved(tx, moveStatement(firmId, id, "matter", sql`
      update matters m set responsible_attorney_id = ${targets.matters}, updated_at = ${at}::timestamptz
       where ${responsibleFor(firmId, source.id)} and ${openMatter}
      returning m.id`));
  }
  if (targets.tasks) {
    counts.tasks = await moved(tx, moveStatement(firmId, id, "task", sql`
      update tasks t set assignee_id = ${targets.tasks}, updated_at = ${at}::timestamptz from matters m
       where ${assignedTo(firmId, source.id)} and ${notPastDue(now)} and ${matterOf("t")} and ${openMatter}
      returning t.id`));
  }
  if (targets.events) {
    counts.events = await moved(tx, moveStatement(firmId, id, "event", sql`
      update calendar_events e set owner_id = ${targets.events}, updated_at = ${at}::timestamptz from matters m
       where ${ownedUpcoming(firmId, source.id, now)} and ${matterOf("e")} and ${openMatter}
      returning e.id`));
  }
  await tx.execute(sql`update reassignments set matters = ${counts.matters}, tasks = ${counts.tasks}, events = ${counts.events}
    where firm_id = ${firmId} and id = ${id}`);
  await recordActivity(tx, clock, {
    firmId,
    actor: by,
    kind: REASSIGNMENT_COMPLETED,
    subject: { type: "reassignment", id, label: `Work of ${source.name}` },
    after: {
      from_user_id: source.id,
      matters_to: targets.matters ?? null,
      tasks_to: targets.tasks ?? null,
      events_to: targets.events ?? null,
      ...counts,
    },
  });
  await tellRecipients(tx, clock, { firmId, reassignmentId: id, from: source, byName: by.name, targets, moved: counts });
  return { id, moved: counts };
}

/** POST /reassignments: checks the plan, then runs it. */
export async function reassignWork({ tx, clock, actor }: ActorContext, input: ReassignmentInput): Promise<string> {
  requirePolicy(reassignmentPolicy.reassign(actor));
  // The source first, then the targets in id order, as everything that locks users does.
  const source = await findSource(tx, actor.firmId, input.from_user_id, { lock: true });
  const targets = targetsOf(input);
  const errors = await lockTargets(tx, actor.firmId, source.id, targets);
  if (errors.length) throw validation(errors);
  const { id } = await runReassignment(tx, clock, actor.firmId, { id: actor.userId, name: actor.name }, source, targets);
  return id;
}
