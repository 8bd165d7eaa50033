/**
 * Loading users with their roles: the shape the policies and presenters work on. A user and
 * everything the presenter needs arrive in one statement, a page of users too (DESIGN habit 16).
 */
import { prepared, tableRow, type Executor } from "../../db/client.js";
import type { Permission } from "../../shared/permissions.js";
import type { AddonKey } from "../../shared/pricing.js";
import type { Actor } from "../context.js";
import { users } from "../../db/schema.js";

export type UserRow = typeof users.$inferSelect;

export interface UserRecord extends UserRow {
  isPrimarySubscriber: boolean;
  roles: { id: string; name: string; systemKey: string | null; permissions: string[] }[];
  /** Unarchived groups the user belongs to. */
  groups: { id: string; name: string }[];
  /** EML: a change of login email waiting for the new address to confirm it. */
  pendingEmailChange: { newEmail: string; expiresAt: Date } | null;
  /** SES-3: signs in with a second factor. */
  twoFactorEnabled: boolean;
  /** ADD-1: the add-ons the user holds, by key. */
  addons: AddonKey[];
  /** The pending invitation of an invited user. */
  invitation: { id: string; sentAt: Date | null; expiresAt: Date | null } | null;
}

export const fullName = (u: { firstName: string; lastName: string; email: string }) =>
  `${u.firstName} ${u.lastName}`.trim() || u.email;

/** A whole row of `users u`, for statements that load whole rows. */
export const USER_ROW = tableRow(users, "u");

/**
 * What the presenter needs beside the row of `users u`, as correlated subqueries: roles (by
 * name), unarchived groups (by name), the pending invitation of an invited user and the
 * pending change of email of an active one. Index lookups per user, in the same statement.
 */
export const ATTACHED_COLUMNS = `
  coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name, 'systemKey', r.system_key, 'permissions', r.permissions) order by r.name)
              from user_roles ur join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id
             where ur.firm_id = u.firm_id and ur.user_id = u.id), '[]'::json) as _roles,
  coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name)
              from group_members gm join groups g on g.firm_id = gm.firm_id and g.id = gm.group_id
             where gm.firm_id = u.firm_id and gm.user_id = u.id and g.archived_at is null), '[]'::json) as _groups,
  (select json_build_object('id', i.id, 'sentAt', i.sent_at, 'expiresAt', i.expires_at)
     from invitations i
    where u.status = 'invited' and i.firm_id = u.firm_id and i.user_id = u.id and i.status = 'pending'
    order by i.created_at desc limit 1) as _invitation,
  (select json_build_object('newEmail', e.new_email, 'expiresAt', e.expires_at)
     from email_changes e
    where u.status = 'active' and e.firm_id = u.firm_id and e.user_id = u.id and e.status = 'pending'
    order by e.created_at desc limit 1) as _email_change,
  exists (select 1 from user_two_factor t where t.firm_id = u.firm_id and t.user_id = u.id and t.enabled_at is not null) as _two_factor,
  coalesce((select json_agg(a.addon_key order by a.addon_key)
              from addon_allocations a where a.firm_id = u.firm_id and a.user_id = u.id), '[]'::json) as _addons`;

/** The attached columns of one row, as the database sends them (timestamps inside JSON are text). */
export interface AttachedRaw {
  _roles: UserRecord["roles"];
  _groups: UserRecord["groups"];
  _invitation: { id: string; sentAt: string | null; expiresAt: string | null } | null;
  _email_change: { newEmail: string; expiresAt: string } | null;
  _two_factor: boolean;
  _addons: AddonKey[];
}

const date = (s: string | null) => (s === null ? null : new Date(s));

/** A freshly read user row, completed in place with its attached columns into one record. */
export function recordOf(row: UserRow, raw: AttachedRaw, primaryId: string): UserRecord {
  const inv = raw._invitation;
  const change = raw._email_change;
  // Set one by one rather than spread into a copy: a spread costs microseconds a row.
  const record = row as UserRecord;
  record.isPrimarySubscriber = row.id === primaryId;
  record.roles = raw._roles;
  record.groups = raw._groups;
  record.invitation = inv ? { id: inv.id, sentAt: date(inv.sentAt), expiresAt: date(inv.expiresAt) } : null;
  record.twoFactorEnabled = raw._two_factor === true;
  record.addons = raw._addons;
  record.pendingEmailChange = change ? { newEmail: change.newEmail, expiresAt: new Date(change.expiresAt) } : null;
  return record;
}

const NOTHING_ATTACHED: AttachedRaw = { _roles: [], _groups: [], _invitation: null, _email_change: null, _two_factor: false, _addons: [] };

const attachedByIds = prepared<AttachedRaw & { id: string }>(
  "users_attached_by_ids",
  `select u.id, ${ATTACHED_COLUMNS} from users u where u.firm_id = $1 and u.id = any($2::text[])`,
);

/** Attach roles, groups and pending invitations to user rows, keeping their order: one statement. */
export async function withRoles(db: Executor, firmId: string, primaryId: string, rows: UserRow[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const attached = new Map((await attachedByIds(db, [firmId, rows.map((r) => r.id)])).map((a) => [a.id, a]));
  // Copies: the caller's rows stay as they were.
  return rows.map((row) => recordOf({ ...row }, attached.get(row.id) ?? NOTHING_ATTACHED, primaryId));
}

type RecordRaw = AttachedRaw & { u: Record<string, unknown>; _primary_id: string };

const recordById = prepared<RecordRaw>(
  "user_record_by_id",
  `select ${USER_ROW.json} as u, f.primary_subscriber_id as _primary_id, ${ATTACHED_COLUMNS}
     from users u join firms f on f.id = u.firm_id
    where u.firm_id = $1 and u.id = $2`,
);

const lockById = prepared<{ id: string }>(
  "user_lock_by_id",
  "select u.id from users u where u.firm_id = $1 and u.id = $2 for update",
);

/**
 * One user of the firm, or null: a foreign id finds nothing (SEC-1). `primaryId` null reads
 * the firm's primary subscriber in the same statement. One statement; locked, the row is
 * locked first and read after, so that what the lock waited for is seen.
 */
export async function findUser(
  db: Executor,
  firmId: string,
  primaryId: string | null,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<UserRecord | null> {
  if (opts.forUpdate && (await lockById(db, [firmId, id])).length === 0) return null;
  const [raw] = await recordById(db, [firmId, id]);
  return raw ? recordOf(USER_ROW.map(raw.u), raw, primaryId ?? raw._primary_id) : null;
}

/** The user as an actor, for presenting a record to them when no session of theirs is at hand. */
export function actorFor(u: UserRecord): Actor {
  return {
    userId: u.id,
    firmId: u.firmId,
    name: fullName(u),
    email: u.email,
    isPrimarySubscriber: u.isPrimarySubscriber,
    permissions: new Set(u.roles.flatMap((r) => r.permissions) as Permission[]),
    sessionId: "",
    sessionKind: "session",
  };
}
