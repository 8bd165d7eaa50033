/**
 * What creating and editing a matter check, all at once (DESIGN habit 9): attorneys are active
 * users (PRC-2, PRC-4), the client a contact of the firm, access groups unarchived groups of the
 * firm (GRP-2, GRP-3), a private matter its maker's own (PRC-7), rates as GRP-4 says; and the
 * number free in the firm.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client.js";
import { contacts, groups, matters } from "../../../db/schema.js";
import { matterPolicy } from "../../../policies/matters.js";
import type { FieldError } from "../../../shared/errors.js";
import type { CustomRateInput } from "../../../shared/practice-schemas.js";
import type { Actor } from "../../context.js";
import { AppError } from "../../errors.js";
import { choiceErrors, type UserStatus } from "../chosen-users.js";
import { rateErrors } from "../custom-rates.js";
import { qualified } from "../qualified.js";

export type AccessKind = "everyone" | "groups" | "private";

/** A matter's fields as they are, or will be after the change. */
export interface MatterState {
  number: string;
  description: string;
  status: "open" | "pending" | "closed";
  responsibleAttorneyId: string;
  originatingAttorneyId: string;
  clientId: string | null;
  accessKind: AccessKind;
  accessOwnerId: string | null;
  groupIds: string[];
  rates: { userId: string | null; groupId: string | null; rateCents: number }[];
}

/** The feed's view of a matter (FEED-1). */
export const matterSnapshot = (m: MatterState) => ({
  number: m.number,
  description: m.description,
  status: m.status,
  responsible_attorney_id: m.responsibleAttorneyId,
  originating_attorney_id: m.originatingAttorneyId,
  client_id: m.clientId,
  access: m.accessKind,
  access_group_ids: [...m.groupIds].sort(),
  access_owner_id: m.accessOwnerId,
  custom_rates: [...m.rates]
    .map((r) => ({ user_id: r.userId, group_id: r.groupId, rate_cents: r.rateCents }))
    .sort((a, b) => `${a.user_id ?? ""}|${a.group_id ?? ""}`.localeCompare(`${b.user_id ?? ""}|${b.group_id ?? ""}`)),
});

export const ratesOf = (input: CustomRateInput[]) => input.map((r) => ({ userId: r.user_id ?? null, groupId: r.group_id ?? null, rateCents: r.rate_cents }));

/** Every field error of the matter's new state; `before` is null for a new matter. */
export async function matterErrors(
  tx: Tx,
  actor: Actor,
  after: MatterState,
  before: MatterState | null,
  changes: { rates?: CustomRateInput[] },
  statuses: Map<string, UserStatus>,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  // An attorney the matter already names may stay (PRC-4); only a new one is checked.
  const chosen = [
    { path: "responsible_attorney_id", id: after.responsibleAttorneyId, was: before?.responsibleAttorneyId },
    { path: "originating_attorney_id", id: after.originatingAttorneyId, was: before?.originatingAttorneyId },
  ].filter((c) => c.id !== c.was);
  errors.push(...choiceErrors(statuses, chosen));
  if (after.clientId && after.clientId !== before?.clientId) {
    const [found] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.firmId, actor.firmId), eq(contacts.id, after.clientId))).for("key share");
    if (!found) errors.push({ path: "client_id", message: "No such contact in this firm." });
  }
  errors.push(...(await accessGroupErrors(tx, actor.firmId, after.groupIds, before?.groupIds ?? [])));
  if (after.accessKind === "private" && after.accessOwnerId !== before?.accessOwnerId && !matterPolicy.make_private_for(actor, after.accessOwnerId!)) {
    errors.push({ path: "access.owner_id", message: "A private matter belongs to whoever makes it private." });
  }
  if (changes.rates) errors.push(...(await rateErrors(tx, actor.firmId, changes.rates, before?.rates ?? [], statuses)));
  return errors;
}

/** GRP-2, GRP-3: groups of the firm, unarchived unless the matter has them already. */
async function accessGroupErrors(tx: Tx, firmId: string, groupIds: string[], kept: string[]): Promise<FieldError[]> {
  if (groupIds.length === 0) return [];
  const found = await tx.select({ id: groups.id, archivedAt: groups.archivedAt }).from(groups).where(and(eq(groups.firmId, firmId), inArray(groups.id, groupIds))).for("share");
  return groupIds.flatMap((id, i) => {
    const group = found.find((g) => g.id === id);
    if (!group) return [{ path: `access.group_ids.${i}`, message: "No such group in this firm." }];
    if (group.archivedAt && !kept.includes(id)) return [{ path: `access.group_ids.${i}`, message: "This group is archived." }];
    return [];
  });
}

const numberTaken = () =>
  new AppError("conflict", "Another matter already has this number.", {}, [{ path: "number", message: "Another matter already has this number." }]);

/** Matter numbers are unique in the firm, whatever their case. */
export async function assertNumberFree(tx: Tx, firmId: string, number: string, exceptId?: string): Promise<void> {
  const rows = await tx
    .select({ id: matters.id })
    .from(matters)
    .where(and(eq(matters.firmId, firmId), sql`lower(${qualified(matters.number)}) = lower(${number})`, exceptId ? ne(matters.id, exceptId) : undefined));
  if (rows.length) throw numberTaken();
}

/** The unique index's violation (a race the check lost) gives the same answer. */
export function rethrowNumberConflict(err: unknown): never {
  const e = err as { code?: string; cause?: { code?: string } };
  if ((e.code ?? e.cause?.code) === "23505") throw numberTaken();
  throw err;
}
