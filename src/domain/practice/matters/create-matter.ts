/** PRC-1, GRP-3, GRP-4: a new matter with its attorneys, access, client and custom rates. */
import { matterGroups, matters } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { matterPolicy } from "../../../policies/matters.js";
import type { CreateMatterInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { newId } from "../../secrets.js";
import { lockChosenUsers } from "../chosen-users.js";
import { replaceRates } from "../custom-rates.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { assertNumberFree, matterErrors, matterSnapshot, ratesOf, rethrowNumberConflict, type MatterState } from "./matter-input.js";
import { PRIVATE_MATTER_LABEL } from "./matter-record.js";

export async function createMatter(ctx: ActorContext, input: CreateMatterInput): Promise<string> {
  const { tx, clock, actor } = ctx;
  const access = input.access ?? { kind: "everyone" as const };
  const rates = input.custom_rates ?? [];
  const state: MatterState = {
    number: input.number,
    description: input.description,
    status: input.status ?? "open",
    responsibleAttorneyId: input.responsible_attorney_id,
    originatingAttorneyId: input.originating_attorney_id,
    clientId: input.client_id ?? null,
    accessKind: access.kind,
    accessOwnerId: access.kind === "private" ? (access.owner_id ?? actor.userId) : null,
    groupIds: access.kind === "groups" ? (access.group_ids ?? []) : [],
    rates: ratesOf(rates),
  };
  requirePolicy(matterPolicy.create(actor));
  if (state.accessKind !== "everyone") requirePolicy(matterPolicy.change_access(actor, state));
  if (rates.length) requirePolicy(matterPolicy.manage_rates(actor, state));

  const statuses = await lockChosenUsers(tx, actor.firmId, [state.responsibleAttorneyId, state.originatingAttorneyId, ...rates.map((r) => r.user_id)]);
  const errors = await matterErrors(tx, actor, state, null, { rates }, statuses);
  if (errors.length) throw validation(errors);
  await assertNumberFree(tx, actor.firmId, state.number);

  const now = clock.now();
  const id = newId();
  try {
    await tx.insert(matters).values({
      firmId: actor.firmId,
      id,
      number: state.number,
      description: state.description,
      status: state.status,
      statusChangedAt: now,
      statusChangedById: actor.userId,
      responsibleAttorneyId: state.responsibleAttorneyId,
      originatingAttorneyId: state.originatingAttorneyId,
      clientId: state.clientId,
      accessKind: state.accessKind,
      accessOwnerId: state.accessOwnerId,
      createdById: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    rethrowNumberConflict(err);
  }
  const groupIds = [...new Set(state.groupIds)];
  if (groupIds.length) await tx.insert(matterGroups).values(groupIds.map((groupId) => ({ firmId: actor.firmId, matterId: id, groupId })));
  await replaceRates(tx, actor, { matterId: id }, rates, now);
  await recordPracticeActivity(ctx, {
    kind: "matter.created",
    subject: { type: "matter", id, label: state.number },
    privateLabel: state.accessKind === "private" ? PRIVATE_MATTER_LABEL : null,
    after: matterSnapshot(state),
  });
  return id;
}
