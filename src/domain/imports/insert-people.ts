/**
 * The writes of an import, set-based: each statement inserts a whole slice of people from
 * arrays (`unnest`), never one statement per row, so 10,000 people cost a few dozen statements
 * (the benchmark holds it to twice a bare multi-row insert). Prepared on PostgreSQL.
 */
import { prepared, type Tx } from "../../db/client.js";
import type { ImportedPerson } from "./check-rows.js";

const insertUsers = prepared(
  "import_insert_users",
  `insert into users (firm_id, id, email, first_name, last_name, initials, time_zone, address, city, state, zip, country, phone, subscription_type, status, created_at, updated_at)
   select $1, u.id, u.email, u.first_name, u.last_name, u.initials, u.time_zone, u.address, u.city, u.state, u.zip, u.country, u.phone, u.subscription_type, 'invited', $15::timestamptz, $15::timestamptz
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       as u(id, email, first_name, last_name, initials, time_zone, address, city, state, zip, country, phone, subscription_type)`,
);

const insertRoles = prepared(
  "import_insert_user_roles",
  `insert into user_roles (firm_id, user_id, role_id)
   select $1, u.id, r.id from unnest($2::text[]) as u(id) cross join unnest($3::text[]) as r(id)`,
);

const insertInvitations = prepared(
  "import_insert_invitations",
  `insert into invitations (firm_id, id, user_id, email, inviter_id, token_hash, status, sent_at, expires_at, created_at, updated_at)
   select $1, i.id, i.user_id, i.email, $2, i.token_hash, 'pending', $3::timestamptz, $4::timestamptz, $5::timestamptz, $5::timestamptz
     from unnest($6::text[], $7::text[], $8::text[], $9::text[]) as i(id, user_id, email, token_hash)`,
);

const insertOutbox = prepared(
  "import_insert_outbox",
  `insert into outbox (firm_id, id, kind, payload, next_attempt_at, created_at)
   select $1, o.id, 'invitation', o.payload::jsonb, $2::timestamptz, $2::timestamptz
     from unnest($3::text[], $4::text[]) as o(id, payload)`,
);

export interface Slice {
  people: ImportedPerson[];
  userIds: string[];
  invitationIds: string[];
  /** Null for invitations created unsent (IMP-5). */
  tokenHashes: (string | null)[] | null;
}

/** One slice of people: their users, roles and invitations, in three statements. */
export async function insertSlice(
  tx: Tx,
  firmId: string,
  slice: Slice,
  opts: { roleIds: string[]; inviterId: string; now: Date; sentAt: Date | null; expiresAt: Date | null },
): Promise<void> {
  const col = <K extends keyof ImportedPerson>(key: K) => slice.people.map((p) => p[key]);
  await insertUsers(tx, [
    firmId,
    slice.userIds,
    col("email"),
    col("firstName"),
    col("lastName"),
    col("initials"),
    col("timeZone"),
    col("address"),
    col("city"),
    col("state"),
    col("zip"),
    col("country"),
    col("phone"),
    col("subscriptionType"),
    opts.now,
  ]);
  await insertRoles(tx, [firmId, slice.userIds, opts.roleIds]);
  await insertInvitations(tx, [
    firmId,
    opts.inviterId,
    opts.sentAt,
    opts.expiresAt,
    opts.now,
    slice.invitationIds,
    slice.userIds,
    col("email"),
    slice.tokenHashes ?? slice.userIds.map(() => null),
  ]);
}

/** The invitation emails of a slice, into the outbox in one statement (NTF-2). */
export async function insertEmails(tx: Tx, firmId: string, now: Date, ids: string[], payloads: string[]): Promise<void> {
  await insertOutbox(tx, [firmId, now, ids, payloads]);
}
