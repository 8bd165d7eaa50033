/** The one helper that writes the firm feed (FEED-1), always inside the change's transaction. */
import { eq, sql } from "drizzle-orm";
import { activities, feedHeads } from "../../db/schema.js";
import { entryHash, GENESIS } from "./hash-chain.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { newId } from "../secrets.js";
import { emitWebhookEvent } from "../webhooks/emit-event.js";

export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface ActivityInput {
  firmId: string;
  actor: { id: string | null; name: string };
  kind: string;
  subject: { type: string; id: string; label: string };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  isDeletion?: boolean;
  /**
   * Keep which fields changed but not their values: a private matter's content is its owner's
   * alone, administrators and the feed included (PRC-7, DEA-5).
   */
  redactValues?: boolean;
}

export const REDACTED = "(private)";

/** Fields whose values never belong in the feed. */
const SECRET_FIELDS = new Set(["password", "password_hash", "passwordHash", "token", "token_hash", "tokenHash"]);

/** The fields that differ between two snapshots, with their before and after values. */
export function diff(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): Changes {
  const out: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (SECRET_FIELDS.has(key)) continue;
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (JSON.stringify(b) !== JSON.stringify(a)) out[key] = { before: b, after: a };
  }
  return out;
}

function redact(changes: Changes): Changes {
  const out: Changes = {};
  for (const [key, change] of Object.entries(changes)) {
    out[key] = { before: change.before === null ? null : REDACTED, after: change.after === null ? null : REDACTED };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return v;
}

export async function recordActivity(tx: Tx, clock: Clock, input: ActivityInput): Promise<string> {
  const entry = {
    firmId: input.firmId,
    id: newId(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    kind: input.kind,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    subjectLabel: input.subject.label,
    changes: input.redactValues ? redact(diff(input.before, input.after)) : diff(input.before, input.after),
    isDeletion: input.isDeletion ?? false,
    createdAt: clock.now(),
  };
  // FEED-4: the firm's chain head is locked until this transaction ends, so entries link in
  // commit order and a rolled-back entry leaves no gap.
  await tx.insert(feedHeads).values({ firmId: input.firmId, lastHash: GENESIS, entries: 0 }).onConflictDoNothing();
  const [head] = await tx.select().from(feedHeads).where(eq(feedHeads.firmId, input.firmId)).for("update");
  const hash = entryHash(head!.lastHash, entry);
  await tx.insert(activities).values({ ...entry, prevHash: head!.lastHash, hash });
  await tx
    .update(feedHeads)
    .set({ lastHash: hash, entries: sql`${feedHeads.entries} + 1` })
    .where(eq(feedHeads.firmId, input.firmId));
  // WHK-2: the change's webhook events, under the same feed lock so they keep commit order.
  await emitWebhookEvent(tx, clock, { firmId: input.firmId, activityId: entry.id, kind: entry.kind, actor: input.actor, subject: input.subject, changes: entry.changes, createdAt: entry.createdAt });
  return entry.id;
}
