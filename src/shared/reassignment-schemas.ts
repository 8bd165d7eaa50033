/**
 * The zod schemas of work reassignment (REA) and of a deactivation's plan (DEA-2): used by the
 * server and the console alike.
 */
import { z } from "zod";
import { idField, matterRef } from "./practice-schemas.js";
import { cursorQuery, isoTime, userRef, withExample } from "./schemas.js";

const USER_ID = "5b2f7c1e-3d4a-4e8b-9f60-1a2b3c4d5e6f";
const OTHER_USER_ID = "8c9d0e1f-2a3b-4c5d-8e7f-9a0b1c2d3e4f";

export const WORK_KINDS = ["matters", "tasks", "events"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export const EXCLUSION_REASONS = ["closed", "no_matter", "private", "past_due", "attendee_only"] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** REA-1: a target per kind, each optional, at least one given. */
const targetFields = {
  matters_to: idField.optional(),
  tasks_to: idField.optional(),
  events_to: idField.optional(),
};
const atLeastOne = (v: { matters_to?: string; tasks_to?: string; events_to?: string }) => Boolean(v.matters_to || v.tasks_to || v.events_to);
const ONE_TARGET = { message: "Choose who receives at least one kind of work.", path: ["matters_to"] };

export const reassignmentBody = withExample(z.strictObject({ from_user_id: idField, ...targetFields }).refine(atLeastOne, ONE_TARGET), {
  from_user_id: USER_ID,
  matters_to: OTHER_USER_ID,
  tasks_to: OTHER_USER_ID,
});
export type ReassignmentInput = z.infer<typeof reassignmentBody>;

const workCounts = { matters: z.number().int(), tasks: z.number().int(), events: z.number().int() };

/** REA-6: what would move, per kind (the first items and the exact count), and what would not, per reason. */
export const reassignmentPreviewOut = z.object({
  matters: z.object({
    count: z.number().int(),
    items: z.array(z.object({ id: z.string(), number: z.string(), description: z.string(), status: z.enum(["open", "pending"]) })),
  }),
  tasks: z.object({
    count: z.number().int(),
    items: z.array(z.object({ id: z.string(), name: z.string(), due_at: isoTime.nullable(), matter: matterRef })),
  }),
  events: z.object({
    count: z.number().int(),
    items: z.array(z.object({ id: z.string(), title: z.string(), start_at: isoTime, end_at: isoTime, matter: matterRef })),
  }),
  excluded: z.object(Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, z.number().int()])) as Record<ExclusionReason, z.ZodNumber>),
});

/** REA-1, REA-9: a reassignment done: whose work, to whom, how much, by whom and when. */
export const reassignmentOut = z.object({
  id: z.string(),
  from_user_id: z.string(),
  from_user: userRef,
  matters_to: userRef.nullable(),
  tasks_to: userRef.nullable(),
  events_to: userRef.nullable(),
  counts: z.object(workCounts),
  /** Who ran it: an administrator, or (id null) the scheduler running a planned deactivation. */
  created_by: z.object({ id: z.string().nullable(), name: z.string() }),
  created_at: isoTime,
});

export const reassignmentsQuery = cursorQuery.extend({ from_user_id: idField.optional() });
