/** Ends one of the actor's own sessions or API tokens (SES-1, SEC-4). */
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { sessions } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { notFound } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";

export async function revokeOwnSession(
  { tx, clock, actor }: ActorContext,
  sessionId: string,
  kind: "session" | "api_token",
): Promise<void> {
  const [row] = await tx
    .update(sessions)
    .set({ revokedAt: clock.now() })
    .where(
      and(
        eq(sessions.firmId, actor.firmId),
        eq(sessions.id, sessionId),
        eq(sessions.userId, actor.userId),
        eq(sessions.kind, kind),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id, name: sessions.name });
  if (!row) throw notFound(kind === "session" ? "Session" : "API token");
  if (kind === "api_token") {
    await recordActivity(tx, clock, {
      firmId: actor.firmId,
      actor: { id: actor.userId, name: actor.name },
      kind: "api_token.revoked",
      subject: { type: "api_token", id: row.id, label: row.name ?? "API token" },
      before: { revoked: false },
      after: { revoked: true },
      isDeletion: true,
    });
  }
}

/** Revokes every session and token of a user (deactivation, password change, SES-2). */
export async function revokeAllSessions(tx: Tx, now: Date, firmId: string, userId: string): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.firmId, firmId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
