/** Creates an API token for the actor; the secret is shown once (SEC-4). */
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { openSession } from "./open-session.js";

export async function createApiToken({ tx, clock, actor }: ActorContext, name: string) {
  const opened = await openSession(tx, clock, { firmId: actor.firmId, userId: actor.userId, kind: "api_token", name });
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "api_token.created",
    subject: { type: "api_token", id: opened.id, label: name },
    after: { name },
  });
  return { id: opened.id, name, token: opened.token };
}
