/**
 * REA-8: each person who received work gets one in-app notification (shown live once the
 * transaction commits) and one email, summing up what they received, whatever the number of
 * kinds or items.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { users } from "../../db/schema.js";
import { workReassignedEmail } from "../../mail/templates/work-reassigned.js";
import { WORK_KINDS, type WorkKind } from "../../shared/reassignment-schemas.js";
import type { Clock } from "../clock.js";
import { notify } from "../notifications/notify.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { fullName } from "../users/user-record.js";
import type { WorkCounts } from "./work-rules.js";
import type { Targets } from "./targets.js";

export const WORK_REASSIGNED = "work.reassigned";

const NOUNS: Record<WorkKind, [string, string]> = { matters: ["matter", "matters"], tasks: ["task", "tasks"], events: ["event", "events"] };

/** "3 matters, 2 tasks and 1 event": the kinds received, none of them zero. */
export function summarise(counts: Partial<WorkCounts>): string {
  const parts = WORK_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${NOUNS[k][counts[k] === 1 ? 0 : 1]}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "nothing");
}

export interface Telling {
  firmId: string;
  reassignmentId: string;
  from: { id: string; name: string };
  byName: string;
  targets: Targets;
  moved: WorkCounts;
}

export async function tellRecipients(tx: Tx, clock: Clock, t: Telling): Promise<void> {
  // What each person received, over every kind given to them.
  const received = new Map<string, Partial<WorkCounts>>();
  for (const kind of WORK_KINDS) {
    const to = t.targets[kind];
    if (!to || t.moved[kind] === 0) continue;
    received.set(to, { ...received.get(to), [kind]: t.moved[kind] });
  }
  if (received.size === 0) return;
  const people = await tx
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(and(eq(users.firmId, t.firmId), inArray(users.id, [...received.keys()])));
  for (const person of people) {
    const counts = received.get(person.id)!;
    const summary = summarise(counts);
    await notify(tx, clock, {
      firmId: t.firmId,
      userId: person.id,
      kind: WORK_REASSIGNED,
      title: `Work of ${t.from.name} was reassigned to you`,
      body: `${t.byName} reassigned to you ${summary} of ${t.from.name}.`,
      data: { reassignment_id: t.reassignmentId, from_user_id: t.from.id, matters: counts.matters ?? 0, tasks: counts.tasks ?? 0, events: counts.events ?? 0 },
    });
    await enqueueEmail(
      tx,
      clock,
      t.firmId,
      WORK_REASSIGNED,
      workReassignedEmail({ to: person.email, firstName: person.firstName, fullName: fullName(person), summary, fromName: t.from.name, byName: t.byName }),
    );
  }
}
