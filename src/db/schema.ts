/**
 * The Drizzle schema. Every firm-owned table is keyed by `firm_id` first (OPS-2) so that a
 * distributed PostgreSQL (Citus) can shard by firm. SQL migrations are generated from this file
 * with `npx drizzle-kit generate` and committed under src/db/migrations.
 *
 * Every reference between firm-owned rows is a composite foreign key (`firm_id`, id), so the
 * database itself refuses an orphan or a row pointing into another firm, and each firm's rows
 * stay together when distributed (Citus co-locates tables joined on the distribution column).
 * A table whose `firm_id` is not already pinned by a NOT NULL reference to another firm-owned
 * row references `firms` directly. Nothing in the product deletes a firm, a role held by
 * someone (ROL-2) or a group, so those keys refuse deletion (NO ACTION); the only row ever
 * deleted that others point at is a never-active invitee's, on revocation (INV-5), hence the
 * few ON DELETE CASCADEs below. Test: test/schema.test.ts.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  type PgTableExtraConfigValue,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const firms = pgTable(
  "firms",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    status: text("status", { enum: ["active", "closed"] }).notNull().default("active"),
    primarySubscriberId: text("primary_subscriber_id").notNull(),
    /** SES-3: everyone signing in with a password must have a second factor. */
    twoFactorRequired: boolean("two_factor_required").notNull().default(false),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    closedAt: ts("closed_at"),
  },
  // Typed by hand: firms and users refer to each other, which TypeScript cannot infer.
  (t): PgTableExtraConfigValue[] => [
    // The primary subscriber is a user of this very firm. Sign-up writes the firm before its
    // first user (users reference the firm), so migration 0008 makes this key DEFERRABLE
    // INITIALLY DEFERRED (checked at commit), which Drizzle cannot declare.
    foreignKey({ name: "firms_primary_subscriber_fk", columns: [t.id, t.primarySubscriberId], foreignColumns: [users.firmId, users.id] }),
  ],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    firmId: text("firm_id").primaryKey(),
    plan: text("plan", { enum: ["monthly", "annual"] }).notNull(),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    totalLicenses: integer("total_licenses").notNull(),
    pendingRemoval: integer("pending_removal").notNull().default(0),
    periodStart: ts("period_start").notNull(),
    periodEnd: ts("period_end").notNull(),
    removeUnusedAtRenewal: boolean("remove_unused_at_renewal").notNull().default(false),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [foreignKey({ name: "subscriptions_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] })],
);

export const users = pgTable(
  "users",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    email: text("email").notNull(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    initials: text("initials"),
    timeZone: text("time_zone"),
    address: text("address"),
    city: text("city"),
    state: text("state"),
    zip: text("zip"),
    country: text("country"),
    phone: text("phone"),
    subscriptionType: text("subscription_type", { enum: ["attorney", "non_attorney"] }).notNull(),
    status: text("status", { enum: ["invited", "active", "deactivated"] }).notNull(),
    passwordHash: text("password_hash"),
    version: integer("version").notNull().default(1),
    deactivatedAt: ts("deactivated_at"),
    deactivatedById: text("deactivated_by_id"),
    scheduledDeactivationAt: ts("scheduled_deactivation_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    /** USR-4: what the list searches and how it sorts names, kept by the database itself. */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(sql`lower("first_name" || ' ' || "last_name" || ' ' || "email")`),
    sortName: text("sort_name")
      .notNull()
      .generatedAlwaysAs(sql`lower("last_name" || ' ' || "first_name" || ' ' || "email")`),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "users_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    // Null (not deactivated, or by the scheduler) passes: MATCH SIMPLE skips a key with a null.
    foreignKey({ name: "users_deactivated_by_fk", columns: [t.firmId, t.deactivatedById], foreignColumns: [t.firmId, t.id] }),
    // USR-2: one invited or active user per login email, across every firm: global on purpose,
    // a reference table when distributed (README, "Running on PostgreSQL").
    uniqueIndex("users_login_email_unique")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.status} in ('invited', 'active')`),
    index("users_firm_status_idx").on(t.firmId, t.status),
    // USR-4: the user list's search, by trigram, so a page of 50 among thousands stays fast.
    index("users_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    // Migration 0006 adds INCLUDE (status, search_text), which Drizzle cannot declare.
    index("users_firm_sort_name_idx").on(t.firmId, t.sortName, t.id),
  ],
);

export const roles = pgTable(
  "roles",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    /** The built-in role's stable key (`administrator`, ...); null for custom roles. */
    systemKey: text("system_key"),
    permissions: text("permissions").array().notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "roles_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    uniqueIndex("roles_firm_name_unique").on(t.firmId, sql`lower(${t.name})`),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    firmId: text("firm_id").notNull(),
    userId: text("user_id").notNull(),
    roleId: text("role_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.userId, t.roleId] }),
    // A user's roles go with them when a revoked invitee's row is removed (INV-5).
    foreignKey({ name: "user_roles_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }).onDelete("cascade"),
    // ROL-2: a role somebody holds is never deleted; the database agrees.
    foreignKey({ name: "user_roles_role_fk", columns: [t.firmId, t.roleId], foreignColumns: [roles.firmId, roles.id] }),
    index("user_roles_role_idx").on(t.firmId, t.roleId),
  ],
);

/** Cookie sessions and API tokens: only the SHA-256 of the secret is kept (SEC-4). */
export const sessions = pgTable(
  "sessions",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind", { enum: ["session", "api_token"] }).notNull(),
    /** SES-3: opened by a SAML sign-in, whose second factor is the identity provider's affair. */
    viaSso: boolean("via_sso").notNull().default(false),
    name: text("name"),
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: ts("created_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull(),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "sessions_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    // Global on purpose: a bearer token names no firm. A reference table when distributed.
    uniqueIndex("sessions_token_hash_unique").on(t.tokenHash),
    index("sessions_user_idx").on(t.firmId, t.userId),
  ],
);

/** The firm feed (FEED-1): written by one helper in the same transaction as the change. */
export const activities = pgTable(
  "activities",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    kind: text("kind").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    subjectLabel: text("subject_label").notNull(),
    changes: jsonb("changes").$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
    isDeletion: boolean("is_deletion").notNull().default(false),
    createdAt: ts("created_at").notNull(),
    /** FEED-4: the hash of the firm's previous entry, and of this one over it. */
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "activities_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    // No key on actor_id, deliberately. The feed is a record of what happened, append-only
    // (FEED-4), and its write must never wait: an entry is inserted while the firm's chain head
    // is locked, and a key on the actor would make it wait for whoever holds that user's row
    // FOR UPDATE (an administrator deactivating them), who in turn waits for the chain head to
    // write their own entry: a deadlock. The actor's name is kept with the entry, null means an
    // operator or the scheduler, and users are never deleted once they can act (USR-1).
    index("activities_firm_seq_idx").on(t.firmId, t.seq),
    index("activities_firm_actor_idx").on(t.firmId, t.actorId, t.seq),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    readAt: ts("read_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "notifications_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    index("notifications_user_idx").on(t.firmId, t.userId, t.seq),
  ],
);

export interface OutboxEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Mail waiting to leave (NTF-2). Written in the change's transaction, sent after commit. */
export const outbox = pgTable(
  "outbox",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<OutboxEmail>().notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "outbox_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Scheduled work (renewals, expiries, scheduled deactivations) run by the scheduler. */
export const jobs = pgTable(
  "jobs",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    kind: text("kind").notNull(),
    runAt: ts("run_at").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "running", "done", "failed", "cancelled"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull(),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "jobs_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    index("jobs_due_idx").on(t.status, t.runAt),
  ],
);

/** Invitations (INV): status never a bare boolean; expiry derived from `expires_at` when read. */
export const invitations = pgTable(
  "invitations",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    userId: text("user_id").notNull(),
    email: text("email").notNull(),
    inviterId: text("inviter_id"),
    /** SHA-256 of the link's secret; null once the link is dead (accepted, revoked) or before it is sent. */
    tokenHash: text("token_hash"),
    message: text("message"),
    status: text("status", { enum: ["pending", "accepted", "revoked"] }).notNull().default("pending"),
    sentAt: ts("sent_at"),
    expiresAt: ts("expires_at"),
    acceptedAt: ts("accepted_at"),
    revokedAt: ts("revoked_at"),
    revokedById: text("revoked_by_id"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "invitations_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    // No key on user_id: revoking (INV-5) deletes the invitee's row and the invitation keeps
    // the record of whom it invited, as the feed does.
    foreignKey({ name: "invitations_inviter_fk", columns: [t.firmId, t.inviterId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "invitations_revoked_by_fk", columns: [t.firmId, t.revokedById], foreignColumns: [users.firmId, users.id] }),
    // One pending invitation per email in a firm (DESIGN habit 6). Across firms the login-email
    // index on the invitee's user row already refuses a second one (USR-2), so this index
    // needs no global reach and begins with firm_id like every other (OPS-2).
    uniqueIndex("invitations_pending_email_unique")
      .on(t.firmId, sql`lower(${t.email})`)
      .where(sql`${t.status} = 'pending'`),
    index("invitations_user_idx").on(t.firmId, t.userId),
  ],
);

/** The charges ledger (LIC-10): every amount the firm is billed. */
export const charges = pgTable(
  "charges",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    /**
     * `subscription`: the first period at sign-up; `licenses`: bought mid-period; `renewal`: a new
     * period. ADD-1, ADD-3: `addon_licenses` bought mid-period, `addon_renewal` a new period of an
     * add-on, `addon_trial_conversion` a trial turned paid; `addon_key` names the add-on.
     */
    kind: text("kind", { enum: ["subscription", "licenses", "renewal", "addon_licenses", "addon_renewal", "addon_trial_conversion"] }).notNull(),
    addonKey: text("addon_key", { enum: ["personal_injury", "work"] }),
    count: integer("count").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    periodStart: ts("period_start").notNull(),
    periodEnd: ts("period_end").notNull(),
    createdById: text("created_by_id"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "charges_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    // Null for a renewal, which nobody asked for.
    foreignKey({ name: "charges_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    index("charges_firm_seq_idx").on(t.firmId, t.seq),
  ],
);

/** `Idempotency-Key`: the first answer to a key, stored in the same transaction as its effect. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    firmId: text("firm_id").notNull(),
    userId: text("user_id").notNull(),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    statusCode: integer("status_code").notNull(),
    body: jsonb("body").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.userId, t.key] }),
    foreignKey({ name: "idempotency_keys_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
  ],
);

/** Groups (GRP-1, GRP-2). Names are unique among unarchived groups; archiving keeps members. */
export const groups = pgTable(
  "groups",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** GRP-4: such groups are not offered for custom billing rates. */
    excludeFromCustomRates: boolean("exclude_from_custom_rates").notNull().default(false),
    archivedAt: ts("archived_at"),
    archivedById: text("archived_by_id"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "groups_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    foreignKey({ name: "groups_archived_by_fk", columns: [t.firmId, t.archivedById], foreignColumns: [users.firmId, users.id] }),
    uniqueIndex("groups_firm_live_name_unique")
      .on(t.firmId, sql`lower(${t.name})`)
      .where(sql`${t.archivedAt} is null`),
  ],
);

export const groupMembers = pgTable(
  "group_members",
  {
    firmId: text("firm_id").notNull(),
    groupId: text("group_id").notNull(),
    userId: text("user_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.groupId, t.userId] }),
    // Groups are archived, never deleted (GRP-2).
    foreignKey({ name: "group_members_group_fk", columns: [t.firmId, t.groupId], foreignColumns: [groups.firmId, groups.id] }),
    // An invitee may be invited into groups (INV-1); revoking the invitation (INV-5) deletes
    // their row, and their memberships go with it. Migration 0008 validates this key only
    // where no earlier revocation left a membership behind.
    foreignKey({ name: "group_members_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }).onDelete("cascade"),
    index("group_members_user_idx").on(t.firmId, t.userId),
  ],
);

/** EML: a change of login email waiting for the new address to confirm it. */
export const emailChanges = pgTable(
  "email_changes",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    userId: text("user_id").notNull(),
    newEmail: text("new_email").notNull(),
    tokenHash: text("token_hash"),
    requestedById: text("requested_by_id").notNull(),
    status: text("status", { enum: ["pending", "confirmed", "superseded"] }).notNull().default("pending"),
    expiresAt: ts("expires_at").notNull(),
    confirmedAt: ts("confirmed_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "email_changes_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "email_changes_requested_by_fk", columns: [t.firmId, t.requestedById], foreignColumns: [users.firmId, users.id] }),
    index("email_changes_user_idx").on(t.firmId, t.userId),
  ],
);

/** FEED-4: the newest link of each firm's feed chain; locked to append the next. */
export const feedHeads = pgTable(
  "feed_heads",
  {
    firmId: text("firm_id").primaryKey(),
    lastHash: text("last_hash").notNull(),
    entries: bigint("entries", { mode: "number" }).notNull(),
  },
  (t) => [foreignKey({ name: "feed_heads_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] })],
);

/** ACC-9: a password-reset link, stored only as its hash; single use, one hour. */
export const passwordResets = pgTable(
  "password_resets",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    userId: text("user_id").notNull(),
    tokenHash: text("token_hash"),
    status: text("status", { enum: ["pending", "used", "superseded"] }).notNull().default("pending"),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "password_resets_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    index("password_resets_user_idx").on(t.firmId, t.userId),
  ],
);

/**
 * SEC-8: fixed-window rate-limit budgets, shared by every instance. Not firm-owned: a budget is
 * per address or per account across all firms (a reference table in a distributed deployment).
 * The key is a SHA-256, so no email or address is stored in clear.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  resetAt: ts("reset_at").notNull(),
});

// ---------------------------------------------------------------------------------------------
// Practice data (PRC): enough of it to make leaving real. Nothing here is ever deleted (no API
// deletes a practice record, so there is no soft delete either, USR-1); every user named here
// was an active user when chosen (PRC-2), so no row ever points at a revocable invitee and no
// key cascades. Each table's firm_id is pinned by a NOT NULL composite key to a user or a
// matter of the same firm, so none needs a key of its own on `firms`.

/** People outside the firm: clients of matters, participants of secure messages (PRC-1, PRC-8). */
export const contacts = pgTable(
  "contacts",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "contacts_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    index("contacts_firm_name_idx").on(t.firmId, sql`lower(${t.name})`, t.id),
  ],
);

/**
 * PRC-1, GRP-3: a matter. `access_owner_id` is the one person who sees a private matter
 * (PRC-7), set exactly when the access is private. The status keeps when and by whom it last
 * changed (habit 6).
 */
export const matters = pgTable(
  "matters",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    number: text("number").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: ["open", "pending", "closed"] }).notNull(),
    statusChangedAt: ts("status_changed_at").notNull(),
    statusChangedById: text("status_changed_by_id").notNull(),
    responsibleAttorneyId: text("responsible_attorney_id").notNull(),
    originatingAttorneyId: text("originating_attorney_id").notNull(),
    clientId: text("client_id"),
    accessKind: text("access_kind", { enum: ["everyone", "groups", "private"] }).notNull(),
    accessOwnerId: text("access_owner_id"),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "matters_responsible_attorney_fk", columns: [t.firmId, t.responsibleAttorneyId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "matters_originating_attorney_fk", columns: [t.firmId, t.originatingAttorneyId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "matters_client_fk", columns: [t.firmId, t.clientId], foreignColumns: [contacts.firmId, contacts.id] }),
    foreignKey({ name: "matters_access_owner_fk", columns: [t.firmId, t.accessOwnerId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "matters_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "matters_status_changed_by_fk", columns: [t.firmId, t.statusChangedById], foreignColumns: [users.firmId, users.id] }),
    check("matters_private_has_owner", sql`(${t.accessKind} = 'private') = (${t.accessOwnerId} is not null)`),
    // Matter numbers are unique in a firm, whatever their case.
    uniqueIndex("matters_firm_number_unique").on(t.firmId, sql`lower(${t.number})`),
    index("matters_firm_responsible_idx").on(t.firmId, t.responsibleAttorneyId, t.status),
    index("matters_firm_originating_idx").on(t.firmId, t.originatingAttorneyId),
    index("matters_firm_client_idx").on(t.firmId, t.clientId),
    index("matters_firm_access_owner_idx").on(t.firmId, t.accessOwnerId),
  ],
);

/** GRP-3: the groups whose members see a matter whose access is `groups`. */
export const matterGroups = pgTable(
  "matter_groups",
  {
    firmId: text("firm_id").notNull(),
    matterId: text("matter_id").notNull(),
    groupId: text("group_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.matterId, t.groupId] }),
    foreignKey({ name: "matter_groups_matter_fk", columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ name: "matter_groups_group_fk", columns: [t.firmId, t.groupId], foreignColumns: [groups.firmId, groups.id] }),
    index("matter_groups_group_idx").on(t.firmId, t.groupId),
  ],
);

/**
 * GRP-4: a custom billing rate, on a matter or on a contact (exactly one), for a user or for a
 * group (exactly one). One rate per subject and person or group.
 */
export const customRates = pgTable(
  "custom_rates",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    matterId: text("matter_id"),
    contactId: text("contact_id"),
    userId: text("user_id"),
    groupId: text("group_id"),
    rateCents: integer("rate_cents").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "custom_rates_matter_fk", columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ name: "custom_rates_contact_fk", columns: [t.firmId, t.contactId], foreignColumns: [contacts.firmId, contacts.id] }),
    foreignKey({ name: "custom_rates_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "custom_rates_group_fk", columns: [t.firmId, t.groupId], foreignColumns: [groups.firmId, groups.id] }),
    foreignKey({ name: "custom_rates_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    check("custom_rates_one_subject", sql`num_nonnulls(${t.matterId}, ${t.contactId}) = 1`),
    check("custom_rates_one_payee", sql`num_nonnulls(${t.userId}, ${t.groupId}) = 1`),
    check("custom_rates_not_negative", sql`${t.rateCents} >= 0`),
    unique("custom_rates_subject_payee_unique").on(t.firmId, t.matterId, t.contactId, t.userId, t.groupId).nullsNotDistinct(),
    index("custom_rates_contact_idx").on(t.firmId, t.contactId),
    index("custom_rates_user_idx").on(t.firmId, t.userId),
    index("custom_rates_group_idx").on(t.firmId, t.groupId),
  ],
);

/** PRC-5: a task, assigned to an active user (PRC-2); completion keeps when and by whom. */
export const tasks = pgTable(
  "tasks",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    matterId: text("matter_id"),
    assigneeId: text("assignee_id").notNull(),
    dueAt: ts("due_at"),
    completedAt: ts("completed_at"),
    completedById: text("completed_by_id"),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "tasks_matter_fk", columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ name: "tasks_assignee_fk", columns: [t.firmId, t.assigneeId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "tasks_completed_by_fk", columns: [t.firmId, t.completedById], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "tasks_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    index("tasks_assignee_idx").on(t.firmId, t.assigneeId),
    index("tasks_matter_idx").on(t.firmId, t.matterId),
  ],
);

/**
 * PRC-6: a calendar event, held by its owner's calendar or by the firm calendar (ACC-8), with
 * an optional video-conference link and who made it (DEA-3 removes a leaver's links).
 */
export const calendarEvents = pgTable(
  "calendar_events",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    title: text("title").notNull(),
    startAt: ts("start_at").notNull(),
    endAt: ts("end_at").notNull(),
    matterId: text("matter_id"),
    calendar: text("calendar", { enum: ["user", "firm"] }).notNull(),
    ownerId: text("owner_id").notNull(),
    conferenceProvider: text("conference_provider"),
    conferenceUrl: text("conference_url"),
    conferenceCreatedById: text("conference_created_by_id"),
    conferenceCreatedAt: ts("conference_created_at"),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "calendar_events_matter_fk", columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ name: "calendar_events_owner_fk", columns: [t.firmId, t.ownerId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "calendar_events_conference_created_by_fk", columns: [t.firmId, t.conferenceCreatedById], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "calendar_events_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    check("calendar_events_ends_after_start", sql`${t.endAt} >= ${t.startAt}`),
    check(
      "calendar_events_conference_whole",
      sql`num_nulls(${t.conferenceProvider}, ${t.conferenceUrl}, ${t.conferenceCreatedById}, ${t.conferenceCreatedAt}) in (0, 4)`,
    ),
    index("calendar_events_firm_start_idx").on(t.firmId, t.startAt, t.id),
    index("calendar_events_owner_idx").on(t.firmId, t.ownerId, t.startAt),
    index("calendar_events_matter_idx").on(t.firmId, t.matterId),
    index("calendar_events_conference_creator_idx").on(t.firmId, t.conferenceCreatedById),
  ],
);

/** PRC-6: the users invited to an event besides its owner. */
export const eventAttendees = pgTable(
  "event_attendees",
  {
    firmId: text("firm_id").notNull(),
    eventId: text("event_id").notNull(),
    userId: text("user_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.eventId, t.userId] }),
    foreignKey({ name: "event_attendees_event_fk", columns: [t.firmId, t.eventId], foreignColumns: [calendarEvents.firmId, calendarEvents.id] }),
    foreignKey({ name: "event_attendees_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    index("event_attendees_user_idx").on(t.firmId, t.userId),
  ],
);

/** PRC-9: the other users' calendars a user shows beside their own. */
export const calendarViews = pgTable(
  "calendar_views",
  {
    firmId: text("firm_id").notNull(),
    userId: text("user_id").notNull(),
    shownUserId: text("shown_user_id").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.userId, t.shownUserId] }),
    foreignKey({ name: "calendar_views_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "calendar_views_shown_user_fk", columns: [t.firmId, t.shownUserId], foreignColumns: [users.firmId, users.id] }),
    check("calendar_views_not_own", sql`${t.userId} <> ${t.shownUserId}`),
    index("calendar_views_shown_user_idx").on(t.firmId, t.shownUserId),
  ],
);

/** PRC-8: a secure-message thread, optionally of a matter. */
export const messageThreads = pgTable(
  "message_threads",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    subject: text("subject").notNull(),
    matterId: text("matter_id"),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
    /** The last message's time, or the thread's creation: the list's order. */
    lastActivityAt: ts("last_activity_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "message_threads_matter_fk", columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ name: "message_threads_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    index("message_threads_activity_idx").on(t.firmId, t.lastActivityAt, t.id),
    index("message_threads_matter_idx").on(t.firmId, t.matterId),
  ],
);

/** PRC-8: the firm's users taking part in a thread. */
export const threadUsers = pgTable(
  "thread_users",
  {
    firmId: text("firm_id").notNull(),
    threadId: text("thread_id").notNull(),
    userId: text("user_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.threadId, t.userId] }),
    foreignKey({ name: "thread_users_thread_fk", columns: [t.firmId, t.threadId], foreignColumns: [messageThreads.firmId, messageThreads.id] }),
    foreignKey({ name: "thread_users_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    index("thread_users_user_idx").on(t.firmId, t.userId),
  ],
);

/** PRC-8: the outside contacts taking part in a thread. */
export const threadContacts = pgTable(
  "thread_contacts",
  {
    firmId: text("firm_id").notNull(),
    threadId: text("thread_id").notNull(),
    contactId: text("contact_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.threadId, t.contactId] }),
    foreignKey({ name: "thread_contacts_thread_fk", columns: [t.firmId, t.threadId], foreignColumns: [messageThreads.firmId, messageThreads.id] }),
    foreignKey({ name: "thread_contacts_contact_fk", columns: [t.firmId, t.contactId], foreignColumns: [contacts.firmId, contacts.id] }),
    index("thread_contacts_contact_idx").on(t.firmId, t.contactId),
  ],
);

/** PRC-8: a message of a thread, written by one of its users; `seq` orders a thread's messages. */
export const messages = pgTable(
  "messages",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    threadId: text("thread_id").notNull(),
    authorId: text("author_id").notNull(),
    body: text("body").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "messages_thread_fk", columns: [t.firmId, t.threadId], foreignColumns: [messageThreads.firmId, messageThreads.id] }),
    foreignKey({ name: "messages_author_fk", columns: [t.firmId, t.authorId], foreignColumns: [users.firmId, users.id] }),
    index("messages_thread_seq_idx").on(t.firmId, t.threadId, t.seq),
  ],
);

// ---------------------------------------------------------------------------------------------
// Work reassignment (REA): who moved whose work to whom, and what moved.

/**
 * REA-1, REA-9, REA-10: one reassignment of a user's work, with a target per kind (each
 * optional) and how many items of each kind moved. `created_by_id` is null when a scheduled
 * deactivation ran it and its administrator is no longer named (DEA-9).
 */
export const reassignments = pgTable(
  "reassignments",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    fromUserId: text("from_user_id").notNull(),
    mattersToId: text("matters_to_id"),
    tasksToId: text("tasks_to_id"),
    eventsToId: text("events_to_id"),
    matters: integer("matters").notNull(),
    tasks: integer("tasks").notNull(),
    events: integer("events").notNull(),
    createdById: text("created_by_id"),
    createdByName: text("created_by_name").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "reassignments_from_user_fk", columns: [t.firmId, t.fromUserId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "reassignments_matters_to_fk", columns: [t.firmId, t.mattersToId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "reassignments_tasks_to_fk", columns: [t.firmId, t.tasksToId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "reassignments_events_to_fk", columns: [t.firmId, t.eventsToId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "reassignments_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    check("reassignments_counts_not_negative", sql`least(${t.matters}, ${t.tasks}, ${t.events}) >= 0`),
    index("reassignments_firm_created_idx").on(t.firmId, t.createdAt, t.id),
    index("reassignments_from_user_idx").on(t.firmId, t.fromUserId, t.createdAt),
  ],
);

/**
 * REA-9: what a reassignment moved, rows per kind, the ids in arrays filled by the moving
 * UPDATE's own RETURNING in the same statement. An array, not a row per item: moving
 * 220,000 items must cost at most 1.5x the bare UPDATEs, and a row per item (its index entry
 * and key check) alone costs half as much again; an array of ids is one write. So the ids have
 * no foreign key (an array cannot have one); practice records are never deleted (DEA-4), so
 * each id keeps naming its record. The report reads them back chunk by chunk.
 */
export const reassignmentItems = pgTable(
  "reassignment_items",
  {
    firmId: text("firm_id").notNull(),
    reassignmentId: text("reassignment_id").notNull(),
    kind: text("kind", { enum: ["matter", "task", "event"] }).notNull(),
    /**
     * The moved ids come in chunks of at most 2,000 (ITEM_CHUNK), numbered from 0, so that the
     * report reads one small array per statement: slicing one large array detoasted all of it
     * for every slice, and a report of 220,000 items took 10 s.
     */
    chunk: integer("chunk").notNull().default(0),
    itemIds: text("item_ids").array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.reassignmentId, t.kind, t.chunk] }),
    foreignKey({ name: "reassignment_items_reassignment_fk", columns: [t.firmId, t.reassignmentId], foreignColumns: [reassignments.firmId, reassignments.id] }),
  ],
);

// ---------------------------------------------------------------------------------------------
// Bulk import of users (IMP).

/**
 * IMP-4, IMP-8: one upload of the user CSV and how it ended. All or nothing: a `completed`
 * import created `imported` invited users in the transaction that wrote this row; a `failed`
 * one created nobody and keeps the error report (every row of the file, in order, with an
 * `errors` column) to download. `errors` holds the first problems found, for the answer.
 */
export const imports = pgTable(
  "imports",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    status: text("status", { enum: ["completed", "failed"] }).notNull(),
    fileName: text("file_name"),
    rows: integer("rows").notNull(),
    imported: integer("imported").notNull(),
    errorRows: integer("error_rows").notNull(),
    roleIds: text("role_ids").array().notNull(),
    sendWelcomeEmail: boolean("send_welcome_email").notNull(),
    errors: jsonb("errors").$type<{ row: number; column: string; message: string }[]>().notNull(),
    errorReport: text("error_report"),
    /** The licenses the import bought (IMP-6), if it bought any. */
    chargeId: text("charge_id"),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "imports_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "imports_charge_fk", columns: [t.firmId, t.chargeId], foreignColumns: [charges.firmId, charges.id] }),
    index("imports_firm_created_idx").on(t.firmId, t.createdAt, t.id),
  ],
);

// ---------------------------------------------------------------------------------------------
// Webhooks (WHK).

/**
 * WHK-1: an HTTPS endpoint a firm's administrators registered, with the event types it wants.
 * The secret signs every delivery, so the server must keep it readable (a hash could not sign);
 * it is shown once at creation and never returned again. `consecutive_failures` counts failed
 * attempts since the last success: at the limit the endpoint is paused (WHK-2).
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    events: text("events").array().notNull(),
    status: text("status", { enum: ["active", "paused"] }).notNull(),
    secret: text("secret").notNull(),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    pausedAt: ts("paused_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "webhook_endpoints_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
  ],
);

/** WHK-2: one event, written in the transaction of the change it tells of; `payload` is the body sent. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "webhook_events_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
  ],
);

/** One attempt to deliver, as listed to administrators. */
export interface WebhookAttempt {
  at: string;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
}

/**
 * WHK-2: one event for one endpoint. `seq` orders an endpoint's deliveries: the worker never
 * attempts one while an earlier one of the same endpoint is pending. Deleted with its endpoint
 * (by deleteWebhook, in its transaction).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    endpointId: text("endpoint_id").notNull(),
    eventId: text("event_id").notNull(),
    status: text("status", { enum: ["pending", "sending", "delivered", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    responseStatus: integer("response_status"),
    attemptLog: jsonb("attempt_log").$type<WebhookAttempt[]>().notNull().default([]),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    lockedUntil: ts("locked_until"),
    createdAt: ts("created_at").notNull(),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "webhook_deliveries_endpoint_fk", columns: [t.firmId, t.endpointId], foreignColumns: [webhookEndpoints.firmId, webhookEndpoints.id] }),
    foreignKey({ name: "webhook_deliveries_event_fk", columns: [t.firmId, t.eventId], foreignColumns: [webhookEvents.firmId, webhookEvents.id] }),
    index("webhook_deliveries_endpoint_seq_idx").on(t.firmId, t.endpointId, t.seq),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// SCIM provisioning (SCIM-1..3).

/**
 * SCIM-1: the firm's bearer tokens for identity providers. Only the SHA-256 of the secret is
 * kept (SEC-4); a revoked token stays listed in the feed's history but opens nothing.
 */
export const scimTokens = pgTable(
  "scim_tokens",
  {
    firmId: text("firm_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
    /** Written at most once a minute, so a sync of thousands of users costs few writes. */
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ name: "scim_tokens_created_by_fk", columns: [t.firmId, t.createdById], foreignColumns: [users.firmId, users.id] }),
    // Global on purpose: a bearer token names no firm. A reference table when distributed.
    uniqueIndex("scim_tokens_token_hash_unique").on(t.tokenHash),
  ],
);

/** The firm's provisioning settings: the role given to provisioned people (Attorney when unset). */
export const scimSettings = pgTable(
  "scim_settings",
  {
    firmId: text("firm_id").notNull(),
    defaultRoleId: text("default_role_id").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId] }),
    foreignKey({ name: "scim_settings_role_fk", columns: [t.firmId, t.defaultRoleId], foreignColumns: [roles.firmId, roles.id] }),
  ],
);

/** What an identity provider says of a user that Chambers keeps only for it: externalId, title, employee number. */
export const scimUsers = pgTable(
  "scim_users",
  {
    firmId: text("firm_id").notNull(),
    userId: text("user_id").notNull(),
    externalId: text("external_id"),
    title: text("title"),
    employeeNumber: text("employee_number"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.userId] }),
    // Revoking an invitation (INV-5) deletes the invitee's row; what SCIM kept of them goes too.
    foreignKey({ name: "scim_users_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }).onDelete("cascade"),
    index("scim_users_external_idx").on(t.firmId, t.externalId),
  ],
);

/** A group's externalId, as the identity provider knows it. */
export const scimGroups = pgTable(
  "scim_groups",
  {
    firmId: text("firm_id").notNull(),
    groupId: text("group_id").notNull(),
    externalId: text("external_id"),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.groupId] }),
    foreignKey({ name: "scim_groups_group_fk", columns: [t.firmId, t.groupId], foreignColumns: [groups.firmId, groups.id] }),
  ],
);

// ---------------------------------------------------------------------------------------------
// Two-factor sign-in (SES-3).

/**
 * A user's authenticator (TOTP, RFC 6238). `enabled_at` null: enrolment begun, not confirmed
 * yet. The secret never leaves after enrolment. `last_time_step` is the newest time step a
 * code was accepted for, so each code works once whichever instance checks it. Recovery codes
 * are kept only as hashes and removed as they are used.
 */
export const userTwoFactor = pgTable(
  "user_two_factor",
  {
    firmId: text("firm_id").notNull(),
    userId: text("user_id").notNull(),
    secret: text("secret").notNull(),
    enabledAt: ts("enabled_at"),
    lastTimeStep: bigint("last_time_step", { mode: "number" }),
    recoveryCodeHashes: text("recovery_code_hashes").array().notNull().default(sql`'{}'::text[]`),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.userId] }),
    foreignKey({ name: "user_two_factor_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
  ],
);

// ---------------------------------------------------------------------------------------------
// Single sign-on with SAML 2.0 (SSO).

/**
 * SSO-1, SSO-2: a firm's identity provider, one row a firm (`idp_entity` is the IdP's entity ID,
 * a URI, not a reference). `tested_at` is set by a successful
 * SSO sign-in of one of the firm's administrators and cleared when the IdP settings change; SSO
 * cannot be enforced without it. `exception_emails` are kept lower-case.
 */
export const ssoSettings = pgTable(
  "sso_settings",
  {
    firmId: text("firm_id").notNull(),
    idpEntityId: text("idp_entity").notNull(),
    ssoUrl: text("sso_url").notNull(),
    certificatePem: text("certificate_pem").notNull(),
    enforced: boolean("enforced").notNull().default(false),
    exceptionEmails: text("exception_emails").array().notNull(),
    testedAt: ts("tested_at"),
    updatedById: text("updated_by_id").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId] }),
    foreignKey({ name: "sso_settings_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    foreignKey({ name: "sso_settings_updated_by_fk", columns: [t.firmId, t.updatedById], foreignColumns: [users.firmId, users.id] }),
    check("sso_settings_not_enforced_untested", sql`not ${t.enforced} or ${t.testedAt} is not null`),
  ],
);

/**
 * SSO-3: the assertion IDs already used to sign in, until they expire, so that a captured
 * assertion replayed to this or any other instance is refused (the primary key is the lock).
 * Expired rows are deleted when the firm's next assertion is recorded.
 */
export const samlAssertions = pgTable(
  "saml_assertions",
  {
    firmId: text("firm_id").notNull(),
    assertionId: text("assertion").notNull(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.assertionId] }),
    foreignKey({ name: "saml_assertions_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    index("saml_assertions_firm_expires_idx").on(t.firmId, t.expiresAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Add-on licenses (ADD).

/**
 * ADD-1, ADD-3: a firm's add-on, one row once it was first bought or tried. `trial_started_at`
 * stays set for good (a firm tries an add-on once); `trial_ends_at` is when a trial converts.
 */
export const addons = pgTable(
  "addons",
  {
    firmId: text("firm_id").notNull(),
    key: text("key", { enum: ["personal_injury", "work"] }).notNull(),
    status: text("status", { enum: ["active", "trial", "opted_out"] }).notNull(),
    totalLicenses: integer("total_licenses").notNull(),
    trialStartedAt: ts("trial_started_at"),
    trialEndsAt: ts("trial_ends_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.key] }),
    foreignKey({ name: "addons_firm_fk", columns: [t.firmId], foreignColumns: [firms.id] }),
    check("addons_total_not_negative", sql`${t.totalLicenses} >= 0`),
    check("addons_trial_has_end", sql`${t.status} <> 'trial' or ${t.trialEndsAt} is not null`),
  ],
);

/** ADD-1: who holds which add-on; the add-on's row is locked to change them (no over-allocation). */
export const addonAllocations = pgTable(
  "addon_allocations",
  {
    firmId: text("firm_id").notNull(),
    addonKey: text("addon_key", { enum: ["personal_injury", "work"] }).notNull(),
    userId: text("user_id").notNull(),
    allocatedById: text("allocated_by_id"),
    allocatedAt: ts("allocated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.addonKey, t.userId] }),
    foreignKey({ name: "addon_allocations_addon_fk", columns: [t.firmId, t.addonKey], foreignColumns: [addons.firmId, addons.key] }),
    foreignKey({ name: "addon_allocations_user_fk", columns: [t.firmId, t.userId], foreignColumns: [users.firmId, users.id] }),
    foreignKey({ name: "addon_allocations_allocated_by_fk", columns: [t.firmId, t.allocatedById], foreignColumns: [users.firmId, users.id] }),
    index("addon_allocations_user_idx").on(t.firmId, t.userId),
  ],
);

/**
 * CLS-1, CLS-2: a closed firm's closing, one row per firm: who closed it, why, and when its
 * data goes. `purge_started_at` is written by the purge job alone, in the transaction that
 * deletes the firm's rows: the feed's trigger lets a delete through only then (migration 0021).
 */
export const firmClosures = pgTable(
  "firm_closures",
  {
    firmId: text("firm_id").primaryKey(),
    closedById: text("closed_by_id").notNull(),
    closedByName: text("closed_by_name").notNull(),
    reason: text("reason").notNull(),
    closedAt: ts("closed_at").notNull(),
    purgeAt: ts("purge_at").notNull(),
    purgeNoticeAt: ts("purge_notice_at"),
    purgeStartedAt: ts("purge_started_at"),
  },
  (t) => [foreignKey({ name: "firm_closures_closed_by_fk", columns: [t.firmId, t.closedById], foreignColumns: [users.firmId, users.id] })],
);
