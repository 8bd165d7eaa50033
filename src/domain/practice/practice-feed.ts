/**
 * The feed entry of a change to practice data (FEED-1), in the change's transaction. What
 * belongs to a private matter is its owner's alone (PRC-7, DEA-5): its entries name no number,
 * title or value, only the kind of record and which fields changed.
 */
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";

export interface PracticeActivity {
  kind: string;
  subject: { type: string; id: string; label: string };
  /** The label to show instead when the record is, or was, private. */
  privateLabel?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export async function recordPracticeActivity({ tx, clock, actor }: ActorContext, entry: PracticeActivity): Promise<void> {
  const hidden = typeof entry.privateLabel === "string";
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: entry.kind,
    subject: { ...entry.subject, label: hidden ? entry.privateLabel! : entry.subject.label },
    before: entry.before,
    after: entry.after,
    redactValues: hidden,
  });
}
