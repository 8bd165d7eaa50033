/**
 * SCIM-2, LIC-7: provisioning never buys a license. When an identity provider's request found
 * none free (its own transaction rolled back), the administrators are told what to do.
 */
import type { ActorContext } from "../context.js";
import { notifyAdministrators } from "../notifications/notify-administrators.js";

export async function tellNoLicense({ tx, clock, actor }: ActorContext, what: string): Promise<void> {
  await notifyAdministrators(tx, clock, {
    firmId: actor.firmId,
    kind: "scim.license_needed",
    title: "Provisioning needs a free license",
    body: `${actor.name} could not ${what}: every license is taken. Buy licenses or free one in Chambers, and the identity provider's next attempt will go through.`,
    data: { token_id: actor.sessionId },
  });
}
