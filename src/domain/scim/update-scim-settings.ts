/** Choosing the role provisioned people get (SCIM-2); the feed records the change. */
import type { ActorContext } from "../context.js";
import { scimSettings } from "../../db/schema.js";
import { recordActivity } from "../feed/record-activity.js";
import { assertFirmRoles } from "../invitations/invite-user.js";
import { defaultScimRole, getScimSettings } from "./get-scim-settings.js";

export async function updateScimSettings(ctx: ActorContext, input: { default_role_id: string }, origin: string) {
  const { tx, clock, actor } = ctx;
  const before = await defaultScimRole(tx, actor.firmId);
  const [role] = await assertFirmRoles(tx, actor.firmId, [input.default_role_id], "default_role_id");
  const now = clock.now();
  await tx
    .insert(scimSettings)
    .values({ firmId: actor.firmId, defaultRoleId: role!.id, updatedAt: now })
    .onConflictDoUpdate({ target: scimSettings.firmId, set: { defaultRoleId: role!.id, updatedAt: now } });
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "scim_settings.updated",
    subject: { type: "firm", id: actor.firmId, label: "Provisioning" },
    before: { default_role: before.name },
    after: { default_role: role!.name },
  });
  return getScimSettings({ db: tx, clock, actor }, origin);
}
