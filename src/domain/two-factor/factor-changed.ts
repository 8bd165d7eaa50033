/** SES-3: turning a second factor on or off is in the feed (never a secret) and mailed to its owner. */
import type { Tx } from "../../db/client.js";
import { twoFactorChangedEmail } from "../../mail/templates/two-factor-changed.js";
import type { Clock } from "../clock.js";
import type { Actor } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { fullName, type UserRecord } from "../users/user-record.js";

/** Writes the feed entry and queues the email of a change of `user`'s second factor, in the change's transaction. */
export async function factorChanged(tx: Tx, clock: Clock, actor: Actor, user: UserRecord, how: "enabled" | "disabled" | "reset") {
  const byOther = actor.userId !== user.id;
  await recordActivity(tx, clock, {
    firmId: user.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: `user.two_factor_${how}`,
    subject: { type: "user", id: user.id, label: fullName(user) },
    before: { two_factor_enabled: how !== "enabled" },
    after: { two_factor_enabled: how === "enabled" },
  });
  await enqueueEmail(
    tx,
    clock,
    user.firmId,
    `two_factor.${how}`,
    twoFactorChangedEmail({ to: user.email, firstName: user.firstName, fullName: fullName(user), how, ...(byOther ? { by: actor.name } : {}) }),
  );
}
