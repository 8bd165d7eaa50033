/**
 * GET /api/v1/users: a searched page of 50 out of 10,000 users, with roles and groups, against
 * its honest baselines in the same run: the floor (a bare route and one `select` on the raw
 * driver) and a bare route answering the very same JSON through one hand-written statement.
 */
import { sql } from "drizzle-orm";
import { assertSameJson } from "./support/compare.js";
import { handWrittenRoutes } from "./support/hand-written.js";
import { CONNECTIONS, DEFAULT_SECONDS, loadAll, medianRatio, ROUNDS, table } from "./support/load.js";
import { benchDatabase, signUpFirm, startBare, startChambers } from "./support/servers.js";

export const title = "GET /api/v1/users (50 of 10,000, searched) vs the floor and a hand-written baseline";

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const QUERY = "limit=50&q=pat&sort=name";

export async function run() {
  const chambers = await startChambers();
  const bare = await startBare((app) => handWrittenRoutes(app, chambers.it.raw));
  try {
    const { runtime } = chambers.it;
    const token = await signUpFirm(runtime);
    const me = await runtime.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    const firmId = me.json().firm.id as string;
    const { db } = runtime.deps.database;
    // 10,000 people with varied names, straight into the tables: the bench measures reading them.
    await db.execute(sql`
      insert into users (firm_id, id, email, first_name, last_name, subscription_type, status, created_at, updated_at)
      select ${firmId}, 'bench-' || g, 'person' || g || '@' || ${firmId} || '.bench.test',
             (array['Ana','Ben','Chloe','Dev','Eli','Fay','Gus','Hana','Ivan','Jo'])[1 + g % 10],
             (array['Lopez','Martin','Nguyen','Okafor','Patel','Quinn','Rossi','Smith','Tanaka','Weber'])[1 + (g / 10) % 10] || ' ' || g,
             case when g % 3 = 0 then 'non_attorney' else 'attorney' end,
             case when g % 20 = 0 then 'deactivated' else 'active' end,
             now(), now()
        from generate_series(1, ${USERS}) as g`);
    await db.execute(sql`
      insert into user_roles (firm_id, user_id, role_id)
      select ${firmId}, 'bench-' || g, r.id
        from generate_series(1, ${USERS}) as g
        join roles r on r.firm_id = ${firmId} and (r.system_key = 'attorney' or (r.system_key = 'billing' and g % 4 = 0))`);
    // Three groups, one archived (it must not show); most people are in one or two.
    await db.execute(sql`
      insert into groups (firm_id, id, name, created_at, updated_at, archived_at)
      values (${firmId}, 'bench-litigation', 'Litigation', now(), now(), null),
             (${firmId}, 'bench-corporate', 'Corporate', now(), now(), null),
             (${firmId}, 'bench-archived', 'Old team', now(), now(), now())`);
    await db.execute(sql`
      insert into group_members (firm_id, group_id, user_id)
      select ${firmId}, grp, 'bench-' || g
        from generate_series(1, ${USERS}) as g
        cross join unnest(array['bench-litigation', 'bench-corporate', 'bench-archived']) as grp
       where (grp = 'bench-litigation' and g % 2 = 0) or (grp = 'bench-corporate' and g % 3 = 0) or (grp = 'bench-archived' and g % 5 = 0)`);
    // As autovacuum would after a bulk load: fresh statistics, and a visibility map for index-only scans.
    await db.execute(sql`vacuum analyze users, user_roles, groups, group_members`);

    const headers = { authorization: `Bearer ${token}` };
    const listUrl = `${chambers.baseUrl}/api/v1/users?${QUERY}`;
    const handUrl = `${bare.baseUrl}/users?${QUERY}`;
    const check = await fetch(listUrl, { headers });
    const count = ((await check.json()) as { data: unknown[] }).data.length;
    if (count !== 50) throw new Error(`expected a full page of 50, got ${count}`);
    await assertSameJson(listUrl, handUrl, headers);

    const r = await loadAll({
      floor: { url: `${bare.baseUrl}/floor` },
      hand_written: { url: handUrl, headers },
      users_page: { url: listUrl, headers },
    });
    const result = {
      database: benchDatabase(),
      users: USERS,
      connections: CONNECTIONS,
      seconds: DEFAULT_SECONDS,
      rounds: ROUNDS,
      ...r,
      ratio: {
        users_vs_hand_written: medianRatio(r.users_page, r.hand_written),
        users_vs_floor: medianRatio(r.users_page, r.floor),
        hand_written_vs_floor: medianRatio(r.hand_written, r.floor),
      },
    };
    console.log(
      table([
        ["", "req/s", "p99 ms", "rounds"],
        ["GET /floor (plain Fastify, one `select` on the raw driver)", String(r.floor.rps), String(r.floor.p99_ms), r.floor.rounds.join(" ")],
        ["GET /users hand-written (one SQL statement)", String(r.hand_written.rps), String(r.hand_written.p99_ms), r.hand_written.rounds.join(" ")],
        [`GET /api/v1/users (Chambers, 50 of ${USERS}, q=pat)`, String(r.users_page.rps), String(r.users_page.p99_ms), r.users_page.rounds.join(" ")],
        ["users / hand-written (median of rounds)", String(result.ratio.users_vs_hand_written), "", ""],
        ["users / floor (median of rounds)", String(result.ratio.users_vs_floor), "", ""],
      ]),
    );
    return result;
  } finally {
    await bare.close();
    await chambers.close();
  }
}
