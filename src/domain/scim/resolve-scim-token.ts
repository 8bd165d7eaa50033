/**
 * SCIM-3: who acts behind a SCIM bearer token. The actor is the firm's provisioning, acting in
 * the name of the administrator who created the token (the feed's actor id, an invitation's
 * inviter) but labelled `SCIM token "<name>"` in the feed, so every entry shows it came from
 * the identity provider. It may manage users and groups and nothing else; it never buys
 * licenses (SCIM-2). A revoked or unknown token opens nothing; a token reaches its own firm only.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { firms, scimTokens } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import type { Actor } from "../context.js";
import { sha256 } from "../secrets.js";

/** The last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

export type ScimAuth = { actor: Actor } | { firmClosed: true } | null;

export async function resolveScimToken(db: Executor, clock: Clock, token: string): Promise<ScimAuth> {
  const [row] = await db
    .select({ token: scimTokens, firmStatus: firms.status })
    .from(scimTokens)
    .innerJoin(firms, eq(firms.id, scimTokens.firmId))
    .where(eq(scimTokens.tokenHash, sha256(token)));
  if (!row) return null;
  // CLS-2: closing revoked the firm's tokens; the identity provider is told why, whatever it asks.
  if (row.firmStatus !== "active") return { firmClosed: true };
  if (row.token.revokedAt) return null;
  const t = row.token;
  const now = clock.now();
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    // Conditional, so that concurrent requests write it once.
    await db
      .update(scimTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(scimTokens.firmId, t.firmId), eq(scimTokens.id, t.id), or(isNull(scimTokens.lastUsedAt), lt(scimTokens.lastUsedAt, new Date(now.getTime() - TOUCH_EVERY_MS + 1)))));
  }
  return {
    actor: {
      userId: t.createdById,
      firmId: t.firmId,
      name: `SCIM token "${t.name}"`,
      email: "",
      isPrimarySubscriber: false,
      permissions: new Set(["users.manage", "groups.manage"]),
      sessionId: t.id,
      // A bearer token, as API tokens are; it never reaches /api/v1, whose routes read this.
      sessionKind: "api_token",
    },
  };
}
