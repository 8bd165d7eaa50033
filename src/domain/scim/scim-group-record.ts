/**
 * Groups as SCIM sees them: displayName is the group's name, members are users (`value` the
 * user's id). Archived groups (GRP-2) are gone for the identity provider: listed nowhere, a 404.
 * Groups have no version column, so the ETag is a digest of what SCIM shows of the group.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { groups, scimGroups, users } from "../../db/schema.js";
import { withMembers, type GroupRecord } from "../groups/group-record.js";
import { sha256 } from "../secrets.js";
import { fullName } from "../users/user-record.js";
import { etagOf, GROUP_SCHEMA, scimError, SCIM_BASE } from "./scim-protocol.js";

export interface ScimGroup {
  group: GroupRecord;
  externalId: string | null;
  members: { id: string; name: string }[];
}

async function complete(db: Executor, firmId: string, rows: (typeof groups.$inferSelect)[]): Promise<ScimGroup[]> {
  const records = await withMembers(db, firmId, rows);
  const ids = records.map((g) => g.id);
  const userIds = [...new Set(records.flatMap((g) => g.memberIds))];
  const [links, people] = await Promise.all([
    ids.length ? db.select().from(scimGroups).where(and(eq(scimGroups.firmId, firmId), inArray(scimGroups.groupId, ids))) : [],
    userIds.length
      ? db.select({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email }).from(users).where(and(eq(users.firmId, firmId), inArray(users.id, userIds)))
      : [],
  ]);
  const names = new Map(people.map((p) => [p.id, fullName(p)]));
  return records.map((group) => ({
    group,
    externalId: links.find((l) => l.groupId === group.id)?.externalId ?? null,
    members: group.memberIds.map((id) => ({ id, name: names.get(id) ?? id })),
  }));
}

/** One live group of the firm, or a SCIM 404. */
export async function loadScimGroup(db: Executor, firmId: string, id: string): Promise<ScimGroup> {
  const rows = await db.select().from(groups).where(and(eq(groups.firmId, firmId), eq(groups.id, id)));
  if (!rows[0]) throw scimError(404, null, `Group ${id} not found.`);
  if (rows[0].archivedAt) throw scimError(404, null, `Group ${id} is archived: unarchive it in Chambers (Groups) to manage it again.`);
  return (await complete(db, firmId, rows))[0]!;
}

/** The firm's live groups, narrowed in SQL by a displayName or externalId equality. */
export async function loadScimGroups(db: Executor, firmId: string, narrow: { displayName?: string | null; externalId?: string | null }): Promise<ScimGroup[]> {
  const conditions = [eq(groups.firmId, firmId), isNull(groups.archivedAt)];
  if (narrow.displayName != null) conditions.push(sql`lower(${groups.name}) = ${narrow.displayName.toLowerCase()}`);
  if (narrow.externalId != null) {
    conditions.push(inArray(groups.id, db.select({ id: scimGroups.groupId }).from(scimGroups).where(and(eq(scimGroups.firmId, firmId), eq(scimGroups.externalId, narrow.externalId)))));
  }
  const rows = await db.select().from(groups).where(and(...conditions)).orderBy(asc(groups.createdAt), asc(groups.id));
  return complete(db, firmId, rows);
}

/** The version a group's ETag names: a digest of its name, externalId and members. */
export const groupVersion = (g: ScimGroup) => sha256(JSON.stringify([g.group.name, g.externalId, [...g.group.memberIds].sort()])).slice(0, 16);

/** The SCIM Group resource; `withMembers` false when the client excluded them. */
export function presentScimGroup(g: ScimGroup, origin: string, withMemberList = true) {
  return {
    schemas: [GROUP_SCHEMA],
    id: g.group.id,
    externalId: g.externalId ?? undefined,
    displayName: g.group.name,
    members: withMemberList ? g.members.map((m) => ({ value: m.id, display: m.name, type: "User", $ref: `${origin}${SCIM_BASE}/Users/${m.id}` })) : undefined,
    meta: {
      resourceType: "Group",
      created: g.group.createdAt.toISOString(),
      lastModified: g.group.updatedAt.toISOString(),
      version: etagOf(groupVersion(g)),
      location: `${origin}${SCIM_BASE}/Groups/${g.group.id}`,
    },
  };
}
