/**
 * Practice data for benchmarks, straight into the tables with set-based SQL (generate_series):
 * the benchmarks measure reading and moving it, not making it. Ids are `<prefix>-...`, so two
 * firms in one database can hold identical data side by side.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";

export interface FirmData {
  firmId: string;
  /** The signed-up owner: creator of everything, and the actor of the benchmarks. */
  ownerId: string;
  prefix: string;
}

/** `count` attorneys `<prefix>-att-<n>`, every tenth deactivated (named on records as `(Inactive)`). */
export async function fillAttorneys(db: Db, { firmId, prefix }: FirmData, count: number) {
  await db.execute(sql`
    insert into users (firm_id, id, email, first_name, last_name, subscription_type, status, deactivated_at, created_at, updated_at)
    select ${firmId}, ${prefix} || '-att-' || g, ${prefix} || '.attorney' || g || '@' || ${firmId} || '.bench.test',
           (array['Ana','Ben','Chloe','Dev','Eli','Fay','Gus','Hana','Ivan','Jo'])[1 + g % 10],
           (array['Lopez','Martin','Nguyen','Okafor','Patel','Quinn','Rossi','Smith','Tanaka','Weber'])[1 + (g / 10) % 10] || ' ' || g,
           'attorney', case when g % 10 = 9 then 'deactivated' else 'active' end,
           case when g % 10 = 9 then now() end, now(), now()
      from generate_series(0, ${count - 1}) as g`);
  await db.execute(sql`
    insert into user_roles (firm_id, user_id, role_id)
    select ${firmId}, ${prefix} || '-att-' || g, r.id
      from generate_series(0, ${count - 1}) as g
      join roles r on r.firm_id = ${firmId} and r.system_key = 'attorney'`);
}

/**
 * Two groups (one archived), the owner in the live one; `contacts` clients; and `count` matters
 * `<prefix>-m-<n>` numbered M-000001..., a third of them pending or closed, with both attorneys
 * among `attorneys` (so some are `(Inactive)`), a client on two thirds, group access on one in
 * ten (some only by the archived group), private on one in 25 (mostly someone else's), and a
 * custom rate on one in 20. `responsibleOf` picks the responsible attorney of matter g.
 */
export async function fillMatters(db: Db, f: FirmData, opts: { count: number; attorneys: number; contacts: number; responsibleOf?: "spread" | "owner" }) {
  const { firmId, ownerId, prefix } = f;
  await db.execute(sql`
    insert into groups (firm_id, id, name, created_at, updated_at, archived_at)
    values (${firmId}, ${prefix} || '-litigation', 'Litigation', now(), now(), null),
           (${firmId}, ${prefix} || '-archived', 'Old team', now(), now(), now())`);
  await db.execute(sql`insert into group_members (firm_id, group_id, user_id) values (${firmId}, ${prefix} || '-litigation', ${ownerId})`);
  await db.execute(sql`
    insert into contacts (firm_id, id, name, email, created_by_id, created_at, updated_at)
    select ${firmId}, ${prefix} || '-c-' || g, 'Client ' || g || ' Holdings', 'office' || g || '@client.bench.test', ${ownerId}, now(), now()
      from generate_series(0, ${opts.contacts - 1}) as g`);
  const responsible =
    opts.responsibleOf === "owner" ? sql`${ownerId}` : sql`${prefix} || '-att-' || (g % ${opts.attorneys})`;
  await db.execute(sql`
    insert into matters (firm_id, id, number, description, status, status_changed_at, status_changed_by_id,
                         responsible_attorney_id, originating_attorney_id, client_id, access_kind, access_owner_id,
                         created_by_id, created_at, updated_at)
    select ${firmId}, ${prefix} || '-m-' || g, 'M-' || lpad(g::text, 6, '0'),
           (array['Acquisition of','Lease of','Dispute over','Probate of','Refinancing of'])[1 + g % 5] || ' the ' ||
           (array['harbour warehouse','Bayside offices','mill site','family estate','river terminal'])[1 + (g / 5) % 5],
           case when g % 6 = 1 then 'pending' when g % 6 = 2 then 'closed' else 'open' end, now(), ${ownerId},
           ${responsible}, ${prefix} || '-att-' || ((g / 7) % ${opts.attorneys}),
           case when g % 3 = 0 then null else ${prefix} || '-c-' || (g % ${opts.contacts}) end,
           case when g % 25 = 0 then 'private' when g % 10 = 3 then 'groups' else 'everyone' end,
           case when g % 25 = 0 then (case when g % 100 = 0 then ${ownerId} else ${prefix} || '-att-' || (g % ${opts.attorneys}) end) end,
           ${ownerId}, now(), now()
      from generate_series(1, ${opts.count}) as g`);
  await db.execute(sql`
    insert into matter_groups (firm_id, matter_id, group_id)
    select ${firmId}, ${prefix} || '-m-' || g, ${prefix} || case when g % 30 = 13 then '-archived' else '-litigation' end
      from generate_series(1, ${opts.count}) as g
     where g % 25 <> 0 and g % 10 = 3`);
  await db.execute(sql`
    insert into custom_rates (firm_id, id, matter_id, user_id, group_id, rate_cents, created_by_id, created_at)
    select ${firmId}, ${prefix} || '-r-' || g, ${prefix} || '-m-' || g,
           case when g % 40 = 0 then null else ${prefix} || '-att-' || (g % ${opts.attorneys}) end,
           case when g % 40 = 0 then ${prefix} || '-litigation' end, 25000 + g % 7 * 1000, ${ownerId}, now()
      from generate_series(1, ${opts.count}) as g
     where g % 20 = 0`);
}

/** As autovacuum would after a bulk load: fresh statistics, and a visibility map for index-only scans. */
export async function analyze(db: Db) {
  await db.execute(sql`vacuum analyze users, user_roles, groups, group_members, contacts, matters, matter_groups, custom_rates, tasks, calendar_events, event_attendees`);
}

/** Active attorneys with the given ids (suffixes after the firm's prefix), named after them. */
export async function addAttorneys(db: Db, { firmId, prefix }: FirmData, names: string[]) {
  for (const name of names) {
    await db.execute(sql`
      insert into users (firm_id, id, email, first_name, last_name, subscription_type, status, created_at, updated_at)
      values (${firmId}, ${prefix} || '-' || ${name}, ${prefix} || '.' || ${name} || '@' || ${firmId} || '.bench.test', 'Bench', initcap(${name}), 'attorney', 'active', now(), now())`);
    await db.execute(sql`
      insert into user_roles (firm_id, user_id, role_id)
      select ${firmId}, ${prefix} || '-' || ${name}, r.id from roles r where r.firm_id = ${firmId} and r.system_key = 'attorney'`);
  }
}

/**
 * The work of `<prefix>-<who>` (an attorney added with addAttorneys), `matters` of it to move:
 * that many open or pending matters with them responsible, five tasks and five upcoming events
 * on each; and a tenth more of each kind that stays (REA-5, REA-6): closed and private matters;
 * tasks completed, past due, without a matter or of a matter that stays; events past, without a
 * matter or only attended. Needs fillAttorneys' `<prefix>-att-0..9`.
 */
export async function fillWork(db: Db, f: FirmData, who: string, matters: number) {
  const { firmId, ownerId, prefix } = f;
  const n = matters;
  const x = Math.max(1, Math.floor(n / 10));
  const source = `${prefix}-${who}`;
  const p = `${prefix}-${who}`;
  await db.execute(sql`
    insert into matters (firm_id, id, number, description, status, status_changed_at, status_changed_by_id,
                         responsible_attorney_id, originating_attorney_id, access_kind, access_owner_id, created_by_id, created_at, updated_at)
    select ${firmId}, ${p} || '-m-' || g, ${who} || '-M-' || g, 'Matter ' || g || ' of ' || ${who},
           case when g % 4 = 0 then 'pending' else 'open' end, now(), ${ownerId},
           ${source}, ${prefix} || '-att-' || (g % 10), 'everyone', null, ${ownerId}, now(), now()
      from generate_series(1, ${n}) as g
    union all
    select ${firmId}, ${p} || '-mx-' || g, ${who} || '-MX-' || g, 'Kept matter ' || g || ' of ' || ${who},
           case when g % 2 = 0 then 'closed' else 'open' end, now(), ${ownerId},
           ${source}, ${prefix} || '-att-' || (g % 10), case when g % 2 = 0 then 'everyone' else 'private' end,
           case when g % 2 = 0 then null else ${source} end, ${ownerId}, now(), now()
      from generate_series(1, ${x}) as g`);
  await db.execute(sql`
    insert into tasks (firm_id, id, name, matter_id, assignee_id, due_at, completed_at, completed_by_id, created_by_id, created_at, updated_at)
    select ${firmId}, ${p} || '-t-' || g, 'Task ' || g, ${p} || '-m-' || (1 + g % ${n}), ${source},
           case when g % 7 = 0 then null else now() + (1 + g % 300) * interval '1 day' end, null, null, ${ownerId}, now(), now()
      from generate_series(1, ${5 * n}) as g
    union all
    select ${firmId}, ${p} || '-tx-' || g, 'Kept task ' || g,
           case g % 4 when 2 then null when 3 then ${p} || '-mx-' || (1 + g % ${x}) else ${p} || '-m-' || (1 + g % ${n}) end, ${source},
           case when g % 4 = 1 then now() - (1 + g % 30) * interval '1 day' else now() + interval '3 days' end,
           case when g % 4 = 0 then now() - interval '1 day' end, case when g % 4 = 0 then ${ownerId} end, ${ownerId}, now(), now()
      from generate_series(1, ${5 * x}) as g`);
  await db.execute(sql`
    insert into calendar_events (firm_id, id, title, start_at, end_at, matter_id, calendar, owner_id, created_by_id, created_at, updated_at)
    select ${firmId}, ${p} || '-e-' || g, 'Event ' || g, now() + (1 + g % 300) * interval '1 day', now() + (1 + g % 300) * interval '1 day' + interval '1 hour',
           ${p} || '-m-' || (1 + g % ${n}), 'user', ${source}, ${ownerId}, now(), now()
      from generate_series(1, ${5 * n}) as g
    union all
    select ${firmId}, ${p} || '-ex-' || g, 'Kept event ' || g,
           now() + case when g % 3 = 0 then -1 else 1 end * (1 + g % 30) * interval '1 day',
           now() + case when g % 3 = 0 then -1 else 1 end * (1 + g % 30) * interval '1 day' + interval '1 hour',
           case when g % 3 = 1 then null else ${p} || '-m-' || (1 + g % ${n}) end, 'user',
           case when g % 3 = 2 then ${prefix} || '-att-' || (g % 10) else ${source} end, ${ownerId}, now(), now()
      from generate_series(1, ${5 * x}) as g`);
  await db.execute(sql`
    insert into event_attendees (firm_id, event_id, user_id)
    select ${firmId}, ${p} || '-ex-' || g, ${source} from generate_series(1, ${5 * x}) as g where g % 3 = 2`);
}
