/**
 * FEED-4: each firm's feed is a hash chain. An entry's hash covers its content and the hash of
 * the entry before it, so changing, removing or reordering any entry breaks every link after it.
 */
import { createHash } from "node:crypto";
import type { activities } from "../../db/schema.js";

export const GENESIS = "0".repeat(64);

type Entry = Pick<
  typeof activities.$inferSelect,
  "id" | "firmId" | "actorId" | "actorName" | "kind" | "subjectType" | "subjectId" | "subjectLabel" | "changes" | "isDeletion" | "createdAt"
>;

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(prevHash: string, e: Entry): string {
  const content = canonical([e.id, e.firmId, e.actorId, e.actorName, e.kind, e.subjectType, e.subjectId, e.subjectLabel, e.changes, e.isDeletion, e.createdAt.toISOString()]);
  return createHash("sha256").update(`${prevHash}\n${content}`).digest("hex");
}
