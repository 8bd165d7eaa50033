/** ACC-3, SES-3: the firm's name and whether it requires two-factor sign-in (`firm.settings`); in the feed. */
import { eq } from "drizzle-orm";
import { firms } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { AppError } from "../errors.js";
import { findFactor } from "../two-factor/factor.js";
import { loadFirmWithSso } from "./load-firm.js";

export async function updateFirm({ tx, clock, actor }: ActorContext, input: { name?: string | undefined; two_factor_required?: boolean | undefined }) {
  const [locked] = await tx.select().from(firms).where(eq(firms.id, actor.firmId)).for("no key update");
  const before = { name: locked!.name, two_factor_required: locked!.twoFactorRequired };
  if (input.two_factor_required && !before.two_factor_required && !(await findFactor(tx, actor.firmId, actor.userId))?.enabledAt) {
    throw new AppError("conflict", "Turn on two-factor sign-in for yourself first (Settings, Security), then require it of everyone.");
  }
  const after = { name: input.name ?? before.name, two_factor_required: input.two_factor_required ?? before.two_factor_required };
  if (after.name !== before.name || after.two_factor_required !== before.two_factor_required) {
    await tx
      .update(firms)
      .set({ name: after.name, twoFactorRequired: after.two_factor_required, updatedAt: clock.now() })
      .where(eq(firms.id, actor.firmId));
    await recordActivity(tx, clock, {
      firmId: actor.firmId,
      actor: { id: actor.userId, name: actor.name },
      kind: "firm.updated",
      subject: { type: "firm", id: actor.firmId, label: after.name },
      before,
      after,
    });
  }
  return loadFirmWithSso(tx, actor.firmId);
}
