/**
 * PRC-1, PRC-4, GRP-3, GRP-4: editing a matter the actor sees. Each part needs its own
 * permission, asked only when that part changes: the fields `matters.edit`, the access
 * `matters.access`, the rates `rates.manage`.
 */
import { and, eq, inArray } from "drizzle-orm";
import { matterGroups, matters } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { matterPolicy } from "../../../policies/matters.js";
import type { UpdateMatterInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { lockChosenUsers } from "../chosen-users.js";
import { currentRates, replaceRates } from "../custom-rates.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { assertNumberFree, matterErrors, matterSnapshot, ratesOf, rethrowNumberConflict, type MatterState } from "./matter-input.js";
import { lockVisibleMatter, PRIVATE_MATTER_LABEL } from "./matter-record.js";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updateMatter(ctx: ActorContext, id: string, input: UpdateMatterInput): Promise<void> {
  const { tx, clock, actor } = ctx;
  // Users first, then the matter: the order every change of practice data locks in.
  const statuses = await lockChosenUsers(tx, actor.firmId, [input.responsible_attorney_id, input.originating_attorney_id, ...(input.custom_rates ?? []).map((r) => r.user_id)]);
  const matter = await lockVisibleMatter(tx, actor, id);
  const groupRows = await tx.select({ groupId: matterGroups.groupId }).from(matterGroups).where(and(eq(matterGroups.firmId, actor.firmId), eq(matterGroups.matterId, id)));
  const before: MatterState = { ...matter, groupIds: groupRows.map((g) => g.groupId), rates: await currentRates(tx, actor.firmId, { matterId: id }) };

  const access = input.access;
  const after: MatterState = {
    number: input.number ?? before.number,
    description: input.description ?? before.description,
    status: input.status ?? before.status,
    responsibleAttorneyId: input.responsible_attorney_id ?? before.responsibleAttorneyId,
    originatingAttorneyId: input.originating_attorney_id ?? before.originatingAttorneyId,
    clientId: input.client_id === undefined ? before.clientId : input.client_id,
    accessKind: access?.kind ?? before.accessKind,
    accessOwnerId: !access ? before.accessOwnerId : access.kind === "private" ? (access.owner_id ?? before.accessOwnerId ?? actor.userId) : null,
    groupIds: !access ? before.groupIds : access.kind === "groups" ? (access.group_ids ?? []) : [],
    rates: input.custom_rates ? ratesOf(input.custom_rates) : before.rates,
  };
  const snapBefore = matterSnapshot(before);
  const snapAfter = matterSnapshot(after);
  const fieldsChanged = (["number", "description", "status", "responsible_attorney_id", "originating_attorney_id", "client_id"] as const).some((k) => !same(snapBefore[k], snapAfter[k]));
  const accessChanged = (["access", "access_group_ids", "access_owner_id"] as const).some((k) => !same(snapBefore[k], snapAfter[k]));
  const ratesChanged = !same(snapBefore.custom_rates, snapAfter.custom_rates);
  if (fieldsChanged) requirePolicy(matterPolicy.edit(actor, matter));
  if (accessChanged) requirePolicy(matterPolicy.change_access(actor, matter));
  if (ratesChanged) requirePolicy(matterPolicy.manage_rates(actor, matter));

  const errors = await matterErrors(tx, actor, after, before, { rates: input.custom_rates }, statuses);
  if (errors.length) throw validation(errors);
  if (after.number.toLowerCase() !== before.number.toLowerCase()) await assertNumberFree(tx, actor.firmId, after.number, id);

  const now = clock.now();
  try {
    await tx
      .update(matters)
      .set({
        number: after.number,
        description: after.description,
        status: after.status,
        ...(after.status !== before.status ? { statusChangedAt: now, statusChangedById: actor.userId } : {}),
        responsibleAttorneyId: after.responsibleAttorneyId,
        originatingAttorneyId: after.originatingAttorneyId,
        clientId: after.clientId,
        accessKind: after.accessKind,
        accessOwnerId: after.accessOwnerId,
        updatedAt: now,
      })
      .where(and(eq(matters.firmId, actor.firmId), eq(matters.id, id)));
  } catch (err) {
    rethrowNumberConflict(err);
  }
  if (accessChanged) {
    const wanted = new Set(after.groupIds);
    const drop = before.groupIds.filter((g) => !wanted.has(g));
    const add = [...wanted].filter((g) => !before.groupIds.includes(g));
    if (drop.length) await tx.delete(matterGroups).where(and(eq(matterGroups.firmId, actor.firmId), eq(matterGroups.matterId, id), inArray(matterGroups.groupId, drop)));
    if (add.length) await tx.insert(matterGroups).values(add.map((groupId) => ({ firmId: actor.firmId, matterId: id, groupId })));
  }
  if (ratesChanged && input.custom_rates) await replaceRates(tx, actor, { matterId: id }, input.custom_rates, now);
  await recordPracticeActivity(ctx, {
    kind: "matter.updated",
    subject: { type: "matter", id, label: after.number },
    privateLabel: before.accessKind === "private" || after.accessKind === "private" ? PRIVATE_MATTER_LABEL : null,
    before: snapBefore,
    after: snapAfter,
  });
}
