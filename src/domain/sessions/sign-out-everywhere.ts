/** SES-2: an administrator ends every session and API token of a user, who stays active. */
import { authorize } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockUser } from "../users/lock-user.js";
import { fullName } from "../users/user-record.js";
import { revokeAllSessions } from "./revoke-session.js";

export async function signOutEverywhere({ tx, clock, actor }: ActorContext, userId: string): Promise<number> {
  const user = authorize(actor, "sign_out_everywhere", await lockUser(tx, actor.firmId, userId));
  const ended = await revokeAllSessions(tx, clock.now(), actor.firmId, user.id);
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.signed_out_everywhere",
    subject: { type: "user", id: user.id, label: fullName(user) },
    after: { sessions_ended: ended },
  });
  return ended;
}
