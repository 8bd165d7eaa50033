/**
 * OPS-2: the database keeps its own integrity, ready to be distributed by firm. Every
 * firm-owned key begins with `firm_id`; composite foreign keys refuse an orphan or a reference
 * into another firm; migration 0008 is proven on a database filled by `chambers seed-demo`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIRM_NAME, DEMO_OWNER, DEMO_PEOPLE, demoEmail } from "../src/cli/demo-people.js";
import { openDatabase, type Database, type Executor } from "../src/db/client.js";
import { migrate, migrationsFolder } from "../src/db/migrate.js";
import { firms, groupMembers, groups, matters, roles, sessions, tasks, userRoles } from "../src/db/schema.js";
import { hashPassword } from "../src/domain/accounts/passwords.js";
import { signUp } from "../src/domain/accounts/sign-up.js";
import { TestClock } from "../src/domain/clock.js";
import type { Actor } from "../src/domain/context.js";
import { createGroup } from "../src/domain/groups/create-group.js";
import { inviteUser } from "../src/domain/invitations/invite-user.js";
import { revokeInvitation } from "../src/domain/invitations/revoke-invitation.js";
import { newId } from "../src/domain/secrets.js";
import { openSession } from "../src/domain/sessions/open-session.js";
import { createActiveUser } from "../src/domain/users/create-active-user.js";
import { PERMISSION_KEYS } from "../src/shared/permissions.js";
import { signupBody } from "../src/shared/schemas.js";
import { BACKENDS, START, scratchDatabase, type Backend } from "./helpers/harness.js";
import { PASSWORD } from "./helpers/factories.js";

/** Not firm-owned: the firm itself, and the per-address budgets of SEC-8 (README: reference tables). */
const REFERENCE_TABLES = ["firms", "rate_limits"];

/** The documented global unique indexes: looked up with no firm in hand (README: reference tables). */
const GLOBAL_INDEXES: Record<string, string> = {
  users_login_email_unique: "USR-2: a login email is unique among invited and active users of all firms",
  sessions_token_hash_unique: "SEC-4: a bearer token is resolved before its firm is known",
  scim_tokens_token_hash_unique: "SCIM-1: a SCIM bearer token is resolved before its firm is known",
};

/** Columns naming another row that deliberately have no foreign key (src/db/schema.ts says why). */
const UNKEYED_REFERENCES: Record<string, string> = {
  "activities.actor_id": "the feed must never wait on a lock of the actor's row (FEED-4)",
  "activities.subject_id": "a record of any type, and it may be gone (FEED-1)",
  "invitations.user_id": "revoking (INV-5) deletes the invitee; the invitation keeps the record",
  "scim_users.external_id": "the identity provider's own id for the person, not a row of ours (SCIM-1)",
  "scim_groups.external_id": "the identity provider's own id for the group, not a row of ours (SCIM-1)",
};

const APP_URL = "http://chambers.test";

// ---------------------------------------------------------------------------------------------
// Databases, migrations up to a point, and what a database holds.

interface Scratch {
  database: Database;
  close(): Promise<void>;
}

/** An empty database of the test's own: in-memory PGlite, or a scratch PostgreSQL database. */
async function emptyDatabase(backend: Backend): Promise<Scratch> {
  if (!backend.url) {
    const database = await openDatabase({ dataDir: "memory://" });
    return { database, close: () => database.close() };
  }
  const scratch = await scratchDatabase(backend.url);
  const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 3 });
  return {
    database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A copy of the migrations folder whose journal stops at `lastIdx`, as an older release shipped it. */
function migrationsUpTo(lastIdx: number): { folder: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "chambers-migrations-"));
  cpSync(migrationsFolder(), dir, { recursive: true });
  const journalPath = join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= lastIdx);
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  return { folder: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The tables a database had, as they are after migrating it further: every row kept. Tables
 * that later migrations add must arrive empty; they are left out of the comparison.
 */
function keptAndNew(after: Contents, before: Contents) {
  const added = Object.keys(after).filter((t) => !(t in before));
  expect(added.filter((t) => after[t]!.rows !== 0), "tables a later migration added, with rows").toEqual([]);
  return Object.fromEntries(Object.entries(after).filter(([t]) => t in before));
}

async function migrateFolder(database: Database, folder: string): Promise<void> {
  if (database.kind === "pglite") await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  else await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
}

async function rows<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function publicTables(db: Executor): Promise<string[]> {
  const found = await rows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  return found.map((r) => r.name);
}

type Contents = Record<string, { rows: number; digest: string; columns: string[] }>;

/**
 * Every table's row count and a digest of its rows, to tell that a migration lost or changed none.
 * Given the contents before, each table's digest covers the columns it had then: a column a later
 * migration adds is new, not a change.
 */
async function contents(db: Executor, before?: Contents): Promise<Contents> {
  const out: Contents = {};
  const columns = await rows<{ table: string; columns: string[] }>(
    db,
    sql`select table_name as table, array_agg(column_name::text order by ordinal_position) as columns
          from information_schema.columns where table_schema = 'public' group by table_name`,
  );
  const now = Object.fromEntries(columns.map((c) => [c.table, c.columns]));
  for (const table of await publicTables(db)) {
    const cols = before?.[table]?.columns ?? now[table]!;
    const list = sql.join(cols.map((c) => sql.identifier(c)), sql`, `);
    const [r] = await rows<{ rows: number; digest: string | null }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest from (select ${list} from ${sql.identifier(table)}) t`,
    );
    out[table] = { rows: r!.rows, digest: r!.digest ?? "", columns: cols };
  }
  return out;
}

interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
  validated: boolean;
  deferrable: boolean;
  deferred: boolean;
  on_delete: string;
  nullable: boolean;
}

async function foreignKeys(db: Executor): Promise<ForeignKeyRow[]> {
  return rows<ForeignKeyRow>(
    db,
    sql`select c.conrelid::regclass::text as "table", c.conname as name,
               array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o)
                       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as columns,
               c.confrelid::regclass::text as ref_table,
               array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o)
                       join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as ref_columns,
               c.convalidated as validated, c.condeferrable as deferrable, c.condeferred as deferred,
               c.confdeltype::text as on_delete,
               exists (select 1 from unnest(c.conkey) k(n) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n
                        where not a.attnotnull) as nullable
          from pg_constraint c
         where c.contype = 'f' and c.connamespace = 'public'::regnamespace
         order by 1, 2`,
  );
}

// ---------------------------------------------------------------------------------------------
// Filling a database as the product does.

const clock = () => new TestClock(START);

/** What `chambers seed-demo` does (src/cli/seed-demo.ts), in process: its CLI would migrate to the newest first. */
async function seedDemo(database: Database, passwordHash: string, domain: string): Promise<string> {
  const ownerEmail = demoEmail(DEMO_OWNER.firstName, DEMO_OWNER.lastName, domain);
  const body = signupBody.parse({
    firm_name: DEMO_FIRM_NAME,
    first_name: DEMO_OWNER.firstName,
    last_name: DEMO_OWNER.lastName,
    email: ownerEmail,
    password: PASSWORD,
    plan: "annual",
    licenses: DEMO_PEOPLE.length + 3,
  });
  const c = clock();
  return database.db.transaction(async (tx) => {
    const firm = await signUp({ tx, clock: c }, body, passwordHash, { ip: null, userAgent: "chambers seed-demo", appUrl: APP_URL });
    for (const p of DEMO_PEOPLE) {
      await createActiveUser(tx, c, {
        firmId: firm.firmId,
        email: demoEmail(p.firstName, p.lastName, domain),
        firstName: p.firstName,
        lastName: p.lastName,
        passwordHash,
        subscriptionType: p.subscriptionType,
        roleKeys: p.roleKeys,
      });
    }
    return firm.firmId;
  });
}

interface SignedUp {
  firmId: string;
  userId: string;
  actor: Actor;
}

/** A firm through the sign-up use case, with its primary subscriber as an actor. */
async function signUpFirm(database: Database, passwordHash: string, tag: string): Promise<SignedUp> {
  const email = `owner.${tag}.${newId().slice(0, 8)}@firm.test`;
  const body = signupBody.parse({ firm_name: `Firm ${tag}`, first_name: "Olivia", last_name: tag, email, password: PASSWORD, plan: "monthly", licenses: 5 });
  const res = await database.db.transaction((tx) => signUp({ tx, clock: clock() }, body, passwordHash, { appUrl: APP_URL }));
  const actor: Actor = {
    userId: res.userId,
    firmId: res.firmId,
    name: `Olivia ${tag}`,
    email,
    isPrimarySubscriber: true,
    permissions: new Set(PERMISSION_KEYS),
    sessionId: res.session.id,
    sessionKind: "session",
  };
  return { firmId: res.firmId, userId: res.userId, actor };
}

/** The error a refused statement throws, with the database's own error underneath. */
async function refusal(run: () => Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  try {
    await run();
  } catch (err) {
    const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
    return e.cause ?? e;
  }
  throw new Error("the database accepted the row");
}

/**
 * Today's domain code reads tables and writes columns that later migrations add: stand-ins of
 * them let it fill a database of an older release, and go before the migrations run.
 */
const STAND_INS = [
  // WHK-2: every change looks up the firm's webhook endpoints.
  [sql`create table webhook_endpoints (firm_id text, id text, events text[])`, sql`drop table webhook_endpoints`],
  // SES-3: sign-up writes the firm's two-factor requirement.
  [sql`alter table firms add column two_factor_required boolean not null default false`, sql`alter table firms drop column two_factor_required`],
  // SES-3: a session records whether SAML opened it.
  [sql`alter table sessions add column via_sso boolean not null default false`, sql`alter table sessions drop column via_sso`],
  // ADD-1: a charge names its add-on, and a user is read with the add-ons they hold.
  [sql`alter table charges add column addon_key text`, sql`alter table charges drop column addon_key`],
  [sql`create table addon_allocations (firm_id text, addon_key text, user_id text)`, sql`drop table addon_allocations`],
] as const;

async function withStandIns<T>(database: Database, fill: () => Promise<T>): Promise<T> {
  for (const [create] of STAND_INS) await database.db.execute(create);
  try {
    return await fill();
  } finally {
    for (const [, drop] of STAND_INS) await database.db.execute(drop);
  }
}

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

describe.each(BACKENDS)("OPS-2 the database keeps its own integrity [$name]", (backend) => {
  describe("migration 0008 on a database of the release before it", () => {
    it("OPS-2 migration 0008 applies to a copy of a database filled by seed-demo, and every seeded row is still there", async () => {
      const { database, close } = await emptyDatabase(backend);
      const upTo7 = migrationsUpTo(7);
      try {
        await migrateFolder(database, upTo7.folder);
        expect(await foreignKeys(database.db)).toEqual([]);
        // Two demo firms, so that keys between firms have something to tell apart.
        await withStandIns(database, async () => {
          await seedDemo(database, passwordHash, "whitfordhale.example");
          await seedDemo(database, passwordHash, "second-demo.example");
        });
        const before = await contents(database.db);

        await migrate(database);

        expect(keptAndNew(await contents(database.db, before), before)).toEqual(before);
        for (const table of ["firms", "subscriptions", "users", "roles", "user_roles", "sessions", "activities", "feed_heads", "charges", "jobs", "outbox"]) {
          expect(before[table]!.rows, table).toBeGreaterThan(0);
        }
        expect(before.firms!.rows).toBe(2);
        expect(before.users!.rows).toBe(2 * (DEMO_PEOPLE.length + 1));
        const keys = await foreignKeys(database.db);
        expect(keys.length).toBeGreaterThan(20);
        expect(keys.filter((k) => !k.validated).map((k) => k.name)).toEqual([]);
        const [applied] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
        // 0008 and every migration after it.
        const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: unknown[] };
        expect(applied!.n).toBe(journal.entries.length);
      } finally {
        upTo7.remove();
        await close();
      }
    });

    it("OPS-2 migration 0008 keeps, without deleting it, a membership an earlier revocation left behind, and refuses new ones", async () => {
      const { database, close } = await emptyDatabase(backend);
      const upTo7 = migrationsUpTo(7);
      try {
        await migrateFolder(database, upTo7.folder);
        const c = clock();
        const orphans = sql`select count(*)::int as n from group_members m where not exists (select 1 from users u where u.firm_id = m.firm_id and u.id = m.user_id)`;
        const { firm, groupId, admin } = await withStandIns(database, async () => {
          const firm = await signUpFirm(database, passwordHash, "legacy");
          // Before 0008, revoking an invitation made into a group (INV-1, INV-5) deleted the
          // invitee's row but kept their membership.
          const groupId = await database.db.transaction((tx) => createGroup({ tx, clock: c, actor: firm.actor }, { name: "Litigation" }));
          const [admin] = await database.db.select({ id: roles.id }).from(roles).where(and(eq(roles.firmId, firm.firmId), eq(roles.systemKey, "administrator")));
          const invited = await database.db.transaction((tx) =>
            inviteUser({ tx, clock: c, actor: firm.actor }, { email: `left.behind.${newId().slice(0, 8)}@firm.test`, subscription_type: "attorney", role_ids: [admin!.id], group_ids: [groupId] }, APP_URL),
          );
          await database.db.transaction((tx) => revokeInvitation({ tx, clock: c, actor: firm.actor }, invited.invitationId));
          expect((await rows<{ n: number }>(database.db, orphans))[0]!.n).toBe(1);
          return { firm, groupId, admin };
        });
        const before = await contents(database.db);

        await migrate(database);

        expect(keptAndNew(await contents(database.db, before), before)).toEqual(before);
        const keys = await foreignKeys(database.db);
        expect(keys.filter((k) => !k.validated).map((k) => k.name)).toEqual(["group_members_user_fk"]);
        // Not validated, the key still guards every new row.
        const refused = await refusal(() => database.db.insert(groupMembers).values({ firmId: firm.firmId, groupId, userId: newId() }));
        expect(refused.code).toBe("23503");
        expect(refused.constraint).toBe("group_members_user_fk");
        // And a revocation now takes the invitee's memberships with them.
        const again = await database.db.transaction((tx) =>
          inviteUser({ tx, clock: c, actor: firm.actor }, { email: `goes.along.${newId().slice(0, 8)}@firm.test`, subscription_type: "attorney", role_ids: [admin!.id], group_ids: [groupId] }, APP_URL),
        );
        await database.db.transaction((tx) => revokeInvitation({ tx, clock: c, actor: firm.actor }, again.invitationId));
        const memberships = await database.db.select().from(groupMembers).where(and(eq(groupMembers.firmId, firm.firmId), eq(groupMembers.userId, again.userId)));
        expect(memberships).toEqual([]);
        expect((await rows<{ n: number }>(database.db, orphans))[0]!.n).toBe(1);
      } finally {
        upTo7.remove();
        await close();
      }
    });
  });

  describe("the schema, read from the catalog", () => {
    let scratch: Scratch;
    let db: Executor;
    let a: SignedUp;
    let b: SignedUp;

    beforeAll(async () => {
      scratch = await emptyDatabase(backend);
      await migrate(scratch.database);
      db = scratch.database.db;
      a = await signUpFirm(scratch.database, passwordHash, "A");
      b = await signUpFirm(scratch.database, passwordHash, "B");
    });
    afterAll(() => scratch?.close());

    async function firmOwnedTables(): Promise<string[]> {
      const found = await rows<{ name: string }>(
        db,
        sql`select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid
             where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attname = 'firm_id' and not a.attisdropped
             order by 1`,
      );
      return found.map((r) => r.name);
    }

    it("OPS-2 every table is firm-owned (it has firm_id) or a documented reference table", async () => {
      const owned = await firmOwnedTables();
      const neither = (await publicTables(db)).filter((t) => !owned.includes(t) && !REFERENCE_TABLES.includes(t));
      expect(neither, "tables with no firm_id that the README does not list as reference tables").toEqual([]);
      expect(owned.filter((t) => REFERENCE_TABLES.includes(t))).toEqual([]);
    });

    it("OPS-2 every firm-owned table's primary key and unique indexes begin with firm_id", async () => {
      const indexes = await rows<{ table: string; index: string; primary: boolean; first_column: string | null; definition: string }>(
        db,
        sql`select t.relname as "table", i.relname as "index", x.indisprimary as primary,
                   (select a.attname::text from pg_attribute a where a.attrelid = t.oid and a.attnum = x.indkey[0]) as first_column,
                   pg_get_indexdef(x.indexrelid) as definition
              from pg_index x
              join pg_class t on t.oid = x.indrelid
              join pg_class i on i.oid = x.indexrelid
             where t.relnamespace = 'public'::regnamespace and (x.indisprimary or x.indisunique)
             order by 1, 2`,
      );
      const owned = await firmOwnedTables();
      expect(owned.length).toBeGreaterThan(10);
      for (const table of owned) expect(indexes.some((i) => i.table === table && i.primary), `${table} has a primary key`).toBe(true);
      const offending = indexes
        .filter((i) => owned.includes(i.table) && i.first_column !== "firm_id" && !(i.index in GLOBAL_INDEXES))
        .map((i) => `${i.table}: ${i.primary ? "primary key" : "unique index"} ${i.index} does not begin with firm_id (${i.definition})`);
      expect(offending).toEqual([]);
      // The allow-list names indexes that exist, on firm-owned tables, and stays as short as it is documented.
      for (const name of Object.keys(GLOBAL_INDEXES)) {
        const found = indexes.find((i) => i.index === name);
        expect(found, `${name} exists`).toBeDefined();
        expect(owned).toContain(found!.table);
      }
    });

    it("OPS-2 every reference between firm-owned rows is a validated foreign key that begins with firm_id", async () => {
      const keys = await foreignKeys(db);
      const owned = await firmOwnedTables();
      const firmColumn = (table: string) => (table === "firms" ? "id" : "firm_id");
      const offending = keys
        .filter((k) => k.columns[0] !== firmColumn(k.table) || k.ref_columns[0] !== firmColumn(k.ref_table) || !k.validated)
        .map((k) => `${k.table}.${k.name} (${k.columns.join(", ")}) -> ${k.ref_table} (${k.ref_columns.join(", ")})${k.validated ? "" : " NOT VALID"}`);
      expect(offending).toEqual([]);
      // Each firm-owned row is tied to its firm by a key that is never skipped (no null column).
      const untied = owned.filter((t) => !keys.some((k) => k.table === t && !k.nullable));
      expect(untied).toEqual([]);
      // Every column naming another row has a key, but the documented exceptions.
      const columns = await rows<{ table: string; column: string }>(
        db,
        sql`select table_name::text as "table", column_name::text as "column" from information_schema.columns
             where table_schema = 'public' and column_name like '%\\_id' and column_name <> 'firm_id' order by 1, 2`,
      );
      const unkeyed = columns
        .filter((c) => !keys.some((k) => k.table === c.table && k.columns.includes(c.column)))
        .map((c) => `${c.table}.${c.column}`)
        .filter((c) => !(c in UNKEYED_REFERENCES));
      expect(unkeyed).toEqual([]);
      for (const c of Object.keys(UNKEYED_REFERENCES)) expect(columns.map((x) => `${x.table}.${x.column}`)).toContain(c);
      // Only the memberships (and SCIM attributes) of a deleted (revoked, never active) invitee go with them.
      expect(keys.filter((k) => k.on_delete !== "a").map((k) => `${k.name}:${k.on_delete}`)).toEqual(["group_members_user_fk:c", "scim_users_user_fk:c", "user_roles_user_fk:c"]);
      // The primary subscriber is checked at commit: sign-up writes the firm before its first user.
      expect(keys.filter((k) => k.deferrable).map((k) => [k.name, k.deferred])).toEqual([["firms_primary_subscriber_fk", true]]);
    });

    it("OPS-2 the database refuses an orphan and a cross-firm reference", async () => {
      const now = START;
      const [group] = await db.insert(groups).values({ firmId: a.firmId, id: newId(), name: "Litigation", createdAt: now, updatedAt: now }).returning();
      const [roleOfA] = await db.select({ id: roles.id }).from(roles).where(and(eq(roles.firmId, a.firmId), eq(roles.systemKey, "attorney")));
      const [roleOfB] = await db.select({ id: roles.id }).from(roles).where(and(eq(roles.firmId, b.firmId), eq(roles.systemKey, "attorney")));
      const missing = newId();
      const matterOf = (firmId: string, over: Partial<typeof matters.$inferInsert>): typeof matters.$inferInsert => {
        const userId = firmId === a.firmId ? a.userId : b.userId;
        const who = { statusChangedById: userId, responsibleAttorneyId: userId, originatingAttorneyId: userId, createdById: userId };
        return { firmId, id: newId(), number: newId(), description: "x", status: "open", accessKind: "everyone", statusChangedAt: now, createdAt: now, updatedAt: now, ...who, ...over };
      };
      const matterOfB = (await db.insert(matters).values(matterOf(b.firmId, {})).returning())[0]!.id;
      const counts = async () => ({
        userRoles: (await db.select({ n: count() }).from(userRoles).where(eq(userRoles.firmId, a.firmId)))[0]!.n,
        members: (await db.select({ n: count() }).from(groupMembers).where(eq(groupMembers.firmId, a.firmId)))[0]!.n,
        sessions: (await db.select({ n: count() }).from(sessions).where(eq(sessions.firmId, a.firmId)))[0]!.n,
      });
      const before = await counts();

      // b.userId is a user, but of firm B: in firm A it names nobody. `missing` names nobody anywhere.
      const attempts: [string, string, () => Promise<unknown>][] = [
        ["user_roles_user_fk", "a role held by another firm's user", () => db.insert(userRoles).values({ firmId: a.firmId, userId: b.userId, roleId: roleOfA!.id })],
        ["user_roles_user_fk", "a role held by a missing user", () => db.insert(userRoles).values({ firmId: a.firmId, userId: missing, roleId: roleOfA!.id })],
        ["user_roles_role_fk", "another firm's role", () => db.insert(userRoles).values({ firmId: a.firmId, userId: a.userId, roleId: roleOfB!.id })],
        ["group_members_user_fk", "another firm's user in a group", () => db.insert(groupMembers).values({ firmId: a.firmId, groupId: group!.id, userId: b.userId })],
        ["group_members_user_fk", "a missing user in a group", () => db.insert(groupMembers).values({ firmId: a.firmId, groupId: group!.id, userId: missing })],
        ["group_members_group_fk", "a missing group", () => db.insert(groupMembers).values({ firmId: a.firmId, groupId: missing, userId: a.userId })],
        ["sessions_user_fk", "a session of another firm's user", () => db.transaction((tx) => openSession(tx, clock(), { firmId: a.firmId, userId: b.userId, kind: "session" }))],
        ["sessions_user_fk", "a session of a missing user", () => db.transaction((tx) => openSession(tx, clock(), { firmId: a.firmId, userId: missing, kind: "api_token", name: "x" }))],
        ["matters_responsible_attorney_fk", "a matter whose responsible attorney is another firm's user", () => db.insert(matters).values(matterOf(a.firmId, { responsibleAttorneyId: b.userId }))],
        ["matters_access_owner_fk", "a private matter owned by another firm's user", () => db.insert(matters).values(matterOf(a.firmId, { accessKind: "private", accessOwnerId: b.userId }))],
        ["tasks_matter_fk", "a task on another firm's matter", () => db.insert(tasks).values({ firmId: a.firmId, id: newId(), name: "x", matterId: matterOfB, assigneeId: a.userId, createdById: a.userId, createdAt: now, updatedAt: now })],
      ];
      for (const [constraint, what, attempt] of attempts) {
        const err = await refusal(attempt);
        expect(err.code, what).toBe("23503");
        expect(err.constraint, what).toBe(constraint);
      }
      expect(await counts()).toEqual(before);

      // A firm whose primary subscriber is not one of its users is refused when its transaction commits.
      const [firmsBefore] = await db.select({ n: count() }).from(firms);
      const err = await refusal(() =>
        db.transaction(async (tx) => {
          await tx.insert(firms).values({ id: newId(), name: "Nobody's", primarySubscriberId: b.userId, createdAt: now, updatedAt: now });
        }),
      );
      expect(err.code).toBe("23503");
      expect(err.constraint).toBe("firms_primary_subscriber_fk");
      expect((await db.select({ n: count() }).from(firms))[0]).toEqual(firmsBefore);
      // The one valid reference of the lot goes in.
      await db.insert(userRoles).values({ firmId: a.firmId, userId: a.userId, roleId: roleOfA!.id });
      const [held] = await db.select({ n: count() }).from(userRoles).where(and(eq(userRoles.firmId, a.firmId), eq(userRoles.userId, a.userId)));
      expect(held!.n).toBe(2);
    });
  });
});
