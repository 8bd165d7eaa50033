/**
 * REA-6: what a plan would move, per kind (the first items, in the lists' orders, and the exact
 * count), and what it would not, per reason. Nothing changes. Private matters, and the tasks
 * and events of private matters, are counted, never listed (PRC-7, DEA-5).
 */
import { sql } from "drizzle-orm";
import { requirePolicy } from "../../policies/authorize.js";
import { reassignmentPolicy } from "../../policies/reassignments.js";
import type { ReassignmentInput } from "../../shared/reassignment-schemas.js";
import type { ReadContext } from "../context.js";
import { validation } from "../errors.js";
import { findSource, lockTargets, targetKinds, targetsOf } from "./targets.js";
import { assignedTo, countHeldWork, matterOf, notPastDue, openMatter, ownedUpcoming, responsibleFor } from "./work-rules.js";

/** How many items of each kind the preview lists; the count is always exact. */
export const PREVIEW_ITEMS = 50;

const iso = (v: unknown) => new Date(v as string).toISOString();

interface MatterRaw {
  id: string;
  number: string;
  description: string;
  status: "open" | "pending";
}
interface OnMatterRaw {
  id: string;
  matter_id: string;
  matter_number: string;
  matter_description: string;
}
const matterOfRow = (r: OnMatterRaw) => ({ id: r.matter_id, number: r.matter_number, description: r.matter_description });
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function previewReassignment({ db, clock, actor }: ReadContext, input: ReassignmentInput) {
  requirePolicy(reassignmentPolicy.reassign(actor));
  const firmId = actor.firmId;
  const source = await findSource(db, firmId, input.from_user_id);
  const targets = targetsOf(input);
  const errors = await lockTargets(db, firmId, source.id, targets);
  if (errors.length) throw validation(errors);
  const now = clock.now();
  const kinds = targetKinds(targets);
  const held = await countHeldWork(db, firmId, source.id, now, kinds);
  const matterColumns = sql.raw("m.id as matter_id, m.number as matter_number, m.description as matter_description");

  const matters = targets.matters
    ? rowsOf<MatterRaw>(
        await db.execute(sql`select m.id, m.number, m.description, m.status from matters m
          where ${responsibleFor(firmId, source.id)} and ${openMatter} order by lower(m.number), m.id limit ${PREVIEW_ITEMS}`),
      )
    : [];
  const tasks = targets.tasks
    ? rowsOf<OnMatterRaw & { name: string; due_at: unknown }>(
        await db.execute(sql`select t.id, t.name, t.due_at, ${matterColumns} from tasks t join matters m on ${matterOf("t")}
          where ${assignedTo(firmId, source.id)} and ${notPastDue(now)} and ${openMatter} order by t.due_at asc nulls last, t.id limit ${PREVIEW_ITEMS}`),
      )
    : [];
  const events = targets.events
    ? rowsOf<OnMatterRaw & { title: string; start_at: unknown; end_at: unknown }>(
        await db.execute(sql`select e.id, e.title, e.start_at, e.end_at, ${matterColumns} from calendar_events e join matters m on ${matterOf("e")}
          where ${ownedUpcoming(firmId, source.id, now)} and ${openMatter} order by e.start_at, e.id limit ${PREVIEW_ITEMS}`),
      )
    : [];
  const count = (kind: keyof typeof targets) => (targets[kind] ? held.movable[kind] : 0);
  return {
    matters: { count: count("matters"), items: matters.map((m) => ({ id: m.id, number: m.number, description: m.description, status: m.status })) },
    tasks: { count: count("tasks"), items: tasks.map((t) => ({ id: t.id, name: t.name, due_at: t.due_at === null ? null : iso(t.due_at), matter: matterOfRow(t) })) },
    events: { count: count("events"), items: events.map((e) => ({ id: e.id, title: e.title, start_at: iso(e.start_at), end_at: iso(e.end_at), matter: matterOfRow(e) })) },
    excluded: held.excluded,
  };
}
