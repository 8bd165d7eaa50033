/** SCIM-1: an administrator creates a SCIM token for the firm; its secret is shown once (SEC-4). */
import { scimTokens } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId, newSecret, sha256 } from "../secrets.js";
import { presentScimToken } from "./list-scim-tokens.js";

export async function createScimToken({ tx, clock, actor }: ActorContext, name: string) {
  const now = clock.now();
  const id = newId();
  const token = newSecret("chscim");
  const [row] = await tx
    .insert(scimTokens)
    .values({ firmId: actor.firmId, id, name, tokenHash: sha256(token), createdById: actor.userId, createdAt: now })
    .returning();
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "scim_token.created",
    subject: { type: "scim_token", id, label: name },
    after: { name },
  });
  return { ...presentScimToken(row!), token };
}
