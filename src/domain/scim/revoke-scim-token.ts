/** SCIM-1: revoking a SCIM token; the identity provider using it is refused from the next request. */
import { and, eq, isNull } from "drizzle-orm";
import { scimTokens } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { notFound } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";

export async function revokeScimToken({ tx, clock, actor }: ActorContext, id: string): Promise<void> {
  const [row] = await tx
    .update(scimTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(scimTokens.firmId, actor.firmId), eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
    .returning();
  if (!row) throw notFound("SCIM token");
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "scim_token.revoked",
    subject: { type: "scim_token", id, label: row.name },
    before: { revoked: false },
    after: { revoked: true },
  });
}
