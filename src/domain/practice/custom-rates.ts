/**
 * GRP-4: custom billing rates on a matter or a contact, for a user or a group. Groups excluded
 * from custom rates, and archived groups (GRP-2), are not offered: choosing one is refused,
 * though a rate the record already has may stay. Users are chosen as for any work (PRC-2).
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "../../db/client.js";
import { customRates, groups } from "../../db/schema.js";
import type { CustomRateInput } from "../../shared/practice-schemas.js";
import type { FieldError } from "../../shared/errors.js";
import type { Actor } from "../context.js";
import { newId } from "../secrets.js";
import { choiceErrors, type UserStatus } from "./chosen-users.js";
import { refJson, userRef, type RefRow } from "./user-ref.js";
import { qualified } from "./qualified.js";

export type RateSubject = { matterId: string } | { contactId: string };

export interface RateRaw {
  userId: string | null;
  groupId: string | null;
  rateCents: number;
  user: RefRow | null;
  group: { id: string; name: string; archived: boolean } | null;
}

const subjectColumn = (subject: RateSubject) => ("matterId" in subject ? customRates.matterId : customRates.contactId);
const subjectId = (subject: RateSubject) => ("matterId" in subject ? subject.matterId : subject.contactId);

/** The rates of a record, as a column of the record's own statement (DESIGN habit 16). */
export function ratesJson(kind: "matter" | "contact", firmId: PgColumn, recordId: PgColumn): SQL<RateRaw[]> {
  const column = sql.raw(kind === "matter" ? "r.matter_id" : "r.contact_id");
  return sql<RateRaw[]>`coalesce((select json_agg(json_build_object(
      'userId', r.user_id, 'groupId', r.group_id, 'rateCents', r.rate_cents,
      'user', case when u.id is null then null else ${refJson("u")} end,
      'group', case when g.id is null then null else json_build_object('id', g.id, 'name', g.name, 'archived', g.archived_at is not null) end)
      order by g.name nulls first, u.last_name, u.first_name, r.id)
    from custom_rates r
    left join users u on u.firm_id = r.firm_id and u.id = r.user_id
    left join groups g on g.firm_id = r.firm_id and g.id = r.group_id
   where r.firm_id = ${qualified(firmId)} and ${column} = ${qualified(recordId)}), '[]'::json)`;
}

export function presentRates(raw: RateRaw[]) {
  return raw.map((r) => ({
    user_id: r.userId,
    group_id: r.groupId,
    rate_cents: r.rateCents,
    user: r.user ? userRef(r.user) : null,
    group: r.group,
  }));
}

/** The feed's view of a list of rates: stable order, plain values. */
export const ratesSnapshot = (rates: { userId: string | null; groupId: string | null; rateCents: number }[]) =>
  rates
    .map((r) => ({ user_id: r.userId, group_id: r.groupId, rate_cents: r.rateCents }))
    .sort((a, b) => `${a.user_id ?? ""}|${a.group_id ?? ""}`.localeCompare(`${b.user_id ?? ""}|${b.group_id ?? ""}`));

/** The rates a record has now, locked with it. */
export async function currentRates(tx: Tx, firmId: string, subject: RateSubject) {
  return tx
    .select({ userId: customRates.userId, groupId: customRates.groupId, rateCents: customRates.rateCents })
    .from(customRates)
    .where(and(eq(customRates.firmId, firmId), eq(subjectColumn(subject), subjectId(subject))));
}

/** Field errors of a list of rates; `userStatuses` must hold every user the list names. */
export async function rateErrors(
  tx: Tx,
  firmId: string,
  input: CustomRateInput[],
  existing: { userId: string | null; groupId: string | null }[],
  userStatuses: Map<string, UserStatus>,
  path = "custom_rates",
): Promise<FieldError[]> {
  const groupIds = [...new Set(input.flatMap((r) => (r.group_id ? [r.group_id] : [])))];
  const found = groupIds.length
    ? await tx.select().from(groups).where(and(eq(groups.firmId, firmId), inArray(groups.id, groupIds))).for("share")
    : [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  input.forEach((r, i) => {
    const key = r.user_id ? `user:${r.user_id}` : `group:${r.group_id}`;
    const field = `${path}.${i}.${r.user_id ? "user_id" : "group_id"}`;
    if (seen.has(key)) {
      errors.push({ path: field, message: r.user_id ? "This user already has a rate in this list." : "This group already has a rate in this list." });
      return;
    }
    seen.add(key);
    if (r.user_id) {
      const kept = existing.some((e) => e.userId === r.user_id);
      errors.push(...choiceErrors(userStatuses, [{ path: field, id: r.user_id, kept }]));
      return;
    }
    const group = found.find((g) => g.id === r.group_id);
    const kept = existing.some((e) => e.groupId === r.group_id);
    if (!group) errors.push({ path: field, message: "No such group in this firm." });
    else if (!kept && group.archivedAt) errors.push({ path: field, message: "This group is archived." });
    else if (!kept && group.excludeFromCustomRates) errors.push({ path: field, message: "This group is excluded from custom rates." });
  });
  return errors;
}

/** Replaces a record's rates with the given (already checked) list. */
export async function replaceRates(tx: Tx, actor: Actor, subject: RateSubject, input: CustomRateInput[], now: Date): Promise<void> {
  await tx.delete(customRates).where(and(eq(customRates.firmId, actor.firmId), eq(subjectColumn(subject), subjectId(subject))));
  if (input.length === 0) return;
  await tx.insert(customRates).values(
    input.map((r) => ({
      firmId: actor.firmId,
      id: newId(),
      matterId: "matterId" in subject ? subject.matterId : null,
      contactId: "contactId" in subject ? subject.contactId : null,
      userId: r.user_id ?? null,
      groupId: r.group_id ?? null,
      rateCents: r.rate_cents,
      createdById: actor.userId,
      createdAt: now,
    })),
  );
}
