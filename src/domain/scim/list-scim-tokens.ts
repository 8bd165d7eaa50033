/** SCIM-1: the firm's live SCIM tokens, newest first, with their last use; never their secrets. */
import { and, desc, eq, isNull } from "drizzle-orm";
import { scimTokens } from "../../db/schema.js";
import { LIMITS } from "../../shared/limits.js";
import type { ReadContext } from "../context.js";

/** A token as the API shows it. */
export const presentScimToken = (t: typeof scimTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  created_at: t.createdAt.toISOString(),
  last_used_at: t.lastUsedAt?.toISOString() ?? null,
});

export async function listScimTokens({ db, actor }: ReadContext) {
  const rows = await db
    .select()
    .from(scimTokens)
    .where(and(eq(scimTokens.firmId, actor.firmId), isNull(scimTokens.revokedAt)))
    .orderBy(desc(scimTokens.createdAt), desc(scimTokens.id))
    .limit(LIMITS.pageMax);
  return { data: rows.map(presentScimToken), next_cursor: null };
}
