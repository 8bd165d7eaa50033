/**
 * SCIM-3: bringing a group to the state an identity provider asks for, through the groups'
 * own use cases (names unique among live groups, members active or invited people of the firm).
 */
import { scimGroups } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import type { GroupInput } from "../groups/group-input.js";
import { updateGroup } from "../groups/update-group.js";
import { scimError, SCIMMY } from "./scim-protocol.js";
import type { ScimGroup } from "./scim-group-record.js";

export interface DesiredGroup {
  name: string;
  externalId: string | null;
  memberIds: string[];
}

/** The desired state of a group from a SCIM Group instance. */
export function desiredGroupOf(instance: InstanceType<typeof SCIMMY.Schemas.Group>): DesiredGroup {
  const g = instance as unknown as { displayName?: string; externalId?: string; members?: { value?: string }[] };
  const name = g.displayName?.trim();
  if (!name) throw scimError(400, "invalidValue", "displayName is required.");
  if (name.length > 100) throw scimError(400, "invalidValue", "displayName: at most 100 characters.");
  const memberIds = (g.members ?? []).map((m, i) => {
    if (typeof m.value !== "string" || !m.value) throw scimError(400, "invalidValue", `members[${i}].value is required.`);
    return m.value;
  });
  if (memberIds.length > 1000) throw scimError(400, "invalidValue", "members: at most 1000 at once.");
  return { name, externalId: g.externalId?.trim() || null, memberIds: [...new Set(memberIds)] };
}

export async function applyScimGroup(ctx: ActorContext, current: ScimGroup, desired: DesiredGroup): Promise<void> {
  const edit: GroupInput = {};
  if (desired.name !== current.group.name) edit.name = desired.name;
  const now = [...current.group.memberIds].sort().join(",");
  if ([...desired.memberIds].sort().join(",") !== now) edit.member_ids = desired.memberIds;
  if (Object.keys(edit).length) await updateGroup(ctx, current.group.id, edit);
  await saveGroupExternalId(ctx, current.group.id, desired.name, current.externalId, desired.externalId);
}

/** The identity provider's id of the group, kept for its `externalId eq` lookups. */
export async function saveGroupExternalId({ tx, clock, actor }: ActorContext, groupId: string, label: string, before: string | null, after: string | null): Promise<void> {
  if (before === after) return;
  await tx
    .insert(scimGroups)
    .values({ firmId: actor.firmId, groupId, externalId: after })
    .onConflictDoUpdate({ target: [scimGroups.firmId, scimGroups.groupId], set: { externalId: after } });
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "group.provisioning_updated",
    subject: { type: "group", id: groupId, label },
    before: { external_id: before },
    after: { external_id: after },
  });
}
