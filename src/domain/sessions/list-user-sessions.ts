/**
 * A user's live sign-in sessions, most recently seen first: one's own (SES-1) and, for an
 * administrator, another user's (SES-2). API tokens are listed apart (`/me/tokens`).
 */
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { firms, sessions, users } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import { LIMITS } from "../../shared/limits.js";
import type { SessionListOut as SessionList } from "../../shared/schemas.js";
import type { Actor, ReadContext } from "../context.js";
import { notFound } from "../errors.js";

/** Neither revoked nor expired: what resolveSession would still accept for an active user. */
export const liveSessionsOf = (firmId: string, userId: string, kind: "session" | "api_token", now: Date) =>
  and(
    eq(sessions.firmId, firmId),
    eq(sessions.userId, userId),
    eq(sessions.kind, kind),
    isNull(sessions.revokedAt),
    or(isNull(sessions.expiresAt), gt(sessions.expiresAt, now)),
  );

async function liveSessions(db: Executor, now: Date, actor: Actor, userId: string): Promise<SessionList> {
  const rows = await db
    .select()
    .from(sessions)
    .where(liveSessionsOf(actor.firmId, userId, "session", now))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.id))
    // One page, as /me/sessions has always answered: a person holds far fewer live sessions.
    .limit(LIMITS.pageMax);
  return {
    data: rows.map((s) => ({
      id: s.id,
      created_at: s.createdAt.toISOString(),
      last_seen_at: s.lastSeenAt.toISOString(),
      expires_at: s.expiresAt?.toISOString() ?? null,
      ip: s.ip,
      user_agent: s.userAgent,
      current: s.id === actor.sessionId,
    })),
    next_cursor: null,
  };
}

/** SES-1: the actor's own sessions; everyone may see theirs. */
export function listOwnSessions({ db, clock, actor }: ReadContext): Promise<SessionList> {
  return liveSessions(db, clock.now(), actor, actor.userId);
}

/** SES-2: another user's sessions, as the `view_sessions` policy allows; a foreign id is 404. */
export async function listUserSessions({ db, clock, actor }: ReadContext, userId: string): Promise<SessionList> {
  // Only what the policy reads, in one query; the tenant is in the join.
  const [target] = await db
    .select({ id: users.id, status: users.status, primaryId: firms.primarySubscriberId })
    .from(users)
    .innerJoin(firms, eq(firms.id, users.firmId))
    .where(and(eq(users.firmId, actor.firmId), eq(users.id, userId)));
  if (!target) throw notFound("User");
  authorize(actor, "view_sessions", { id: target.id, status: target.status, isPrimarySubscriber: target.id === target.primaryId });
  // Sessions of someone not active open nothing (resolveSession), so none of them is live.
  if (target.status !== "active") return { data: [], next_cursor: null };
  return liveSessions(db, clock.now(), actor, target.id);
}
