/**
 * REA-2..REA-6: which of a user's work moves, and why the rest does not, as SQL conditions
 * shared by the preview, the reassignment itself and deactivation's count (DEA-2), so the three
 * can never disagree. Hand-written SQL on short aliases (`m` matters, `t` tasks, `e` events),
 * since the moving statements are UPDATE ... FROM with RETURNING.
 *
 * - matters (REA-2): open or pending, not private, the user responsible;
 * - tasks (REA-3): not completed, no due time or due at or after now, assigned to the user, on
 *   an open or pending matter that is not private;
 * - events (REA-4): starting at or after now, owned by the user on their own calendar (the firm
 *   calendar is not theirs, ACC-8), on an open or pending matter that is not private.
 *
 * What is left out is counted by one reason each, the first that applies: no matter, private,
 * closed, past due; upcoming events the user only attends count as attendee only. Completed
 * tasks and past events are history, not work: they are neither moved nor counted.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { ExclusionReason, WorkKind } from "../../shared/reassignment-schemas.js";

/** The matter `m` is open or pending and not private (REA-5). */
export const openMatter = sql.raw(`m.status in ('open', 'pending') and m.access_kind <> 'private'`);

/** Matters `m` the user is responsible for (REA-2), movable or not. */
export const responsibleFor = (firmId: string, userId: string): SQL => sql`m.firm_id = ${firmId} and m.responsible_attorney_id = ${userId}`;

/** Open tasks `t` assigned to the user, movable or not (REA-3). */
export const assignedTo = (firmId: string, userId: string): SQL => sql`t.firm_id = ${firmId} and t.assignee_id = ${userId} and t.completed_at is null`;
/** The task `t` is not past due (REA-3). */
export const notPastDue = (now: Date): SQL => sql`(t.due_at is null or t.due_at >= ${now.toISOString()}::timestamptz)`;

/** Upcoming events `e` on the user's own calendar (REA-4), movable or not. */
export const ownedUpcoming = (firmId: string, userId: string, now: Date): SQL =>
  sql`e.firm_id = ${firmId} and e.owner_id = ${userId} and e.calendar = 'user' and e.start_at >= ${now.toISOString()}::timestamptz`;

/** `m` joined to a task or an event `x` by its matter. */
export const matterOf = (x: "t" | "e") => sql.raw(`m.firm_id = ${x}.firm_id and m.id = ${x}.matter_id`);

const REASON_OF_MATTER = `case when m.id is null then 'no_matter' when m.access_kind = 'private' then 'private' when m.status = 'closed' then 'closed' end`;

export type WorkCounts = Record<WorkKind, number>;
export type ExclusionCounts = Record<ExclusionReason, number>;

export interface HeldWork {
  /** What would move, per kind. */
  movable: WorkCounts;
  /** What would not, per reason, for the kinds asked about. */
  excluded: ExclusionCounts;
  /** Private matters the user owns (DEA-5): counted, never shown. */
  privateMatters: number;
}

/**
 * What the user holds, in one statement: per kind, what would move (reason null) and what
 * would not, by reason; exclusions only for the kinds in `kinds` (those with a target).
 */
export async function countHeldWork(db: Executor, firmId: string, userId: string, now: Date, kinds: readonly WorkKind[] = []): Promise<HeldWork> {
  const at = now.toISOString();
  const result = await db.execute(sql`
    with work as (
      select 'matters' as kind, case when m.access_kind = 'private' then 'private' when m.status = 'closed' then 'closed' end as reason
        from matters m where ${responsibleFor(firmId, userId)}
      union all
      select 'tasks', coalesce(${sql.raw(REASON_OF_MATTER)}, case when t.due_at < ${at}::timestamptz then 'past_due' end)
        from tasks t left join matters m on ${matterOf("t")} where ${assignedTo(firmId, userId)}
      union all
      select 'events', ${sql.raw(REASON_OF_MATTER)}
        from calendar_events e left join matters m on ${matterOf("e")} where ${ownedUpcoming(firmId, userId, now)}
      union all
      select 'events', 'attendee_only'
        from event_attendees a join calendar_events e on e.firm_id = a.firm_id and e.id = a.event_id
       where a.firm_id = ${firmId} and a.user_id = ${userId} and e.owner_id <> ${userId} and e.start_at >= ${at}::timestamptz
    )
    select kind, reason, count(*)::int as n from work group by kind, reason
    union all
    select 'private_owned', null, count(*)::int from matters m where m.firm_id = ${firmId} and m.access_owner_id = ${userId}`);
  const rows = (result as unknown as { rows: { kind: string; reason: ExclusionReason | null; n: number }[] }).rows;
  const held: HeldWork = {
    movable: { matters: 0, tasks: 0, events: 0 },
    excluded: { closed: 0, no_matter: 0, private: 0, past_due: 0, attendee_only: 0 },
    privateMatters: 0,
  };
  for (const { kind, reason, n } of rows) {
    if (kind === "private_owned") held.privateMatters = Number(n);
    else if (reason === null) held.movable[kind as WorkKind] += Number(n);
    else if (kinds.includes(kind as WorkKind)) held.excluded[reason] += Number(n);
  }
  return held;
}
