/**
 * Users as SCIM sees them (API.md, "SCIM 2.0"): userName and the primary email are the login
 * email; `active` is true unless deactivated (an invited person holds a license and is on the
 * way in, so the identity provider must not keep re-activating them); title, employee number
 * and externalId are kept for the identity provider in scim_users.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { scimUsers, users } from "../../db/schema.js";
import { loadFirm } from "../firms/load-firm.js";
import { findUser, fullName, withRoles, type UserRecord } from "../users/user-record.js";
import { ENTERPRISE_SCHEMA, etagOf, scimError, SCIM_BASE, USER_SCHEMA } from "./scim-protocol.js";

export type ScimUserExtra = { externalId: string | null; title: string | null; employeeNumber: string | null };
export const NO_EXTRA: ScimUserExtra = { externalId: null, title: null, employeeNumber: null };

export interface ScimUser {
  record: UserRecord;
  extra: ScimUserExtra;
}

async function extrasOf(db: Executor, firmId: string, ids: string[]): Promise<Map<string, ScimUserExtra>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(scimUsers).where(and(eq(scimUsers.firmId, firmId), inArray(scimUsers.userId, ids)));
  return new Map(rows.map((r) => [r.userId, { externalId: r.externalId, title: r.title, employeeNumber: r.employeeNumber }]));
}

/** One user of the firm with what SCIM keeps of them, or a SCIM 404 (another firm's id finds nothing). */
export async function loadScimUser(db: Executor, firmId: string, id: string): Promise<ScimUser> {
  const record = await findUser(db, firmId, null, id);
  if (!record) throw scimError(404, null, `User ${id} not found.`);
  return { record, extra: (await extrasOf(db, firmId, [id])).get(id) ?? NO_EXTRA };
}

/** The firm's users, narrowed in SQL by a userName or externalId equality when the filter is one. */
export async function loadScimUsers(db: Executor, firmId: string, narrow: { userName?: string | null; externalId?: string | null }): Promise<ScimUser[]> {
  const conditions = [eq(users.firmId, firmId)];
  if (narrow.userName != null) conditions.push(sql`lower(${users.email}) = ${narrow.userName.toLowerCase()}`);
  if (narrow.externalId != null) {
    conditions.push(inArray(users.id, db.select({ id: scimUsers.userId }).from(scimUsers).where(and(eq(scimUsers.firmId, firmId), eq(scimUsers.externalId, narrow.externalId)))));
  }
  const rows = await db.select().from(users).where(and(...conditions)).orderBy(asc(users.createdAt), asc(users.id));
  const { firm } = await loadFirm(db, firmId);
  const records = await withRoles(db, firmId, firm.primarySubscriberId, rows);
  const extras = await extrasOf(db, firmId, records.map((r) => r.id));
  return records.map((record) => ({ record, extra: extras.get(record.id) ?? NO_EXTRA }));
}

const present = <T>(v: T | null | undefined) => (v === null || v === undefined || v === "" ? undefined : v);

/** The SCIM User resource of a user; `origin` makes meta.location absolute. */
export function presentScimUser({ record: u, extra }: ScimUser, origin: string) {
  const hasAddress = [u.address, u.city, u.state, u.zip, u.country].some((v) => v);
  return {
    schemas: extra.employeeNumber ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: u.id,
    externalId: present(extra.externalId),
    userName: u.email,
    name: { givenName: u.firstName, familyName: u.lastName, formatted: fullName(u) },
    displayName: fullName(u),
    title: present(extra.title),
    active: u.status !== "deactivated",
    emails: [{ value: u.email, type: "work", primary: true }],
    phoneNumbers: u.phone ? [{ value: u.phone, type: "work", primary: true }] : undefined,
    addresses: hasAddress
      ? [{ type: "work", primary: true, streetAddress: present(u.address), locality: present(u.city), region: present(u.state), postalCode: present(u.zip), country: present(u.country) }]
      : undefined,
    groups: u.groups.map((g) => ({ value: g.id, display: g.name, $ref: `${origin}${SCIM_BASE}/Groups/${g.id}` })),
    [ENTERPRISE_SCHEMA]: extra.employeeNumber ? { employeeNumber: extra.employeeNumber } : undefined,
    meta: {
      resourceType: "User",
      created: u.createdAt.toISOString(),
      lastModified: u.updatedAt.toISOString(),
      version: etagOf(u.version),
      location: `${origin}${SCIM_BASE}/Users/${u.id}`,
    },
  };
}

export type ScimUserResource = ReturnType<typeof presentScimUser>;
