/**
 * GRP-4: the custom rate that applies to a user's work on a matter. The most specific wins: the
 * user's own rate on the matter, then the best rate of their groups on the matter, then the
 * same two on the matter's client. Groups archived (GRP-2) or excluded from custom rates count
 * for nothing. Among several groups the highest rate applies (the firm's own rate card is the
 * floor a group rate is set above). Null when no custom rate applies.
 */
import { and, eq, or, sql } from "drizzle-orm";
import { customRates, groups, matters } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound, validation } from "../../errors.js";
import { matterVisibleTo } from "../matter-access.js";
import { qualified } from "../qualified.js";

type Source = "matter_user" | "matter_group" | "client_user" | "client_group";

export async function getEffectiveRate({ db, actor }: ReadContext, matterId: string, userId: string) {
  const [matter] = await db
    .select({
      id: matters.id,
      clientId: matters.clientId,
      userKnown: sql<boolean>`exists (select 1 from users u where u.firm_id = ${qualified(matters.firmId)} and u.id = ${userId})`,
    })
    .from(matters)
    .where(and(eq(matters.firmId, actor.firmId), eq(matters.id, matterId), matterVisibleTo(matters, actor.userId)));
  if (!matter) throw notFound("Matter");
  if (!matter.userKnown) throw validation([{ path: "user_id", message: "No such user in this firm." }]);

  const memberOfGroup = sql`exists (select 1 from group_members gm where gm.firm_id = ${qualified(customRates.firmId)} and gm.group_id = ${qualified(customRates.groupId)} and gm.user_id = ${userId})`;
  const candidates = await db
    .select({ matterId: customRates.matterId, userId: customRates.userId, groupId: customRates.groupId, rateCents: customRates.rateCents })
    .from(customRates)
    .leftJoin(groups, and(eq(groups.firmId, customRates.firmId), eq(groups.id, customRates.groupId)))
    .where(
      and(
        eq(customRates.firmId, actor.firmId),
        matter.clientId ? or(eq(customRates.matterId, matterId), eq(customRates.contactId, matter.clientId)) : eq(customRates.matterId, matterId),
        or(eq(customRates.userId, userId), and(sql`${qualified(groups.archivedAt)} is null`, eq(groups.excludeFromCustomRates, false), memberOfGroup)),
      ),
    );

  const pick = (source: Source) =>
    candidates
      .filter((c) => (c.matterId !== null) === source.startsWith("matter") && (c.userId !== null) === source.endsWith("user"))
      .sort((a, b) => b.rateCents - a.rateCents || (a.groupId ?? "").localeCompare(b.groupId ?? ""))[0];
  for (const source of ["matter_user", "matter_group", "client_user", "client_group"] as const) {
    const found = pick(source);
    if (found) return { user_id: userId, rate_cents: found.rateCents, source, group_id: found.groupId };
  }
  return { user_id: userId, rate_cents: null, source: null, group_id: null };
}

