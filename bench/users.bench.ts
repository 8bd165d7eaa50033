/**
 * GET /api/v1/users: a page of 50 out of 10,000 users, with a search, against the authenticated
 * GET /api/v1/me of the same run. The ratio should stay above one half.
 */
import { sql } from "drizzle-orm";
import { CONNECTIONS, DEFAULT_SECONDS, load, ratio, table } from "./support/load.js";
import { benchDatabase, signUpFirm, startChambers } from "./support/servers.js";

export const title = "GET /api/v1/users (50 of 10,000, searched) vs GET /api/v1/me";

const USERS = Number(process.env.BENCH_USERS ?? 10_000);

export async function run() {
  const chambers = await startChambers();
  try {
    const token = await signUpFirm(chambers.it);
    const me = await chambers.it.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    const firmId = me.json().firm.id as string;
    const { db } = chambers.it.deps.database;
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
      select ${firmId}, 'bench-' || g, (select id from roles where firm_id = ${firmId} and system_key = 'attorney')
        from generate_series(1, ${USERS}) as g`);
    // As autovacuum would after a bulk load: fresh statistics, and a visibility map for index-only scans.
    await db.execute(sql`vacuum analyze users, user_roles`);
    const headers = { authorization: `Bearer ${token}` };
    const listUrl = `${chambers.baseUrl}/api/v1/users?limit=50&q=pat&sort=name`;
    const check = await fetch(listUrl, { headers });
    const count = ((await check.json()) as { data: unknown[] }).data.length;
    if (count !== 50) throw new Error(`expected a full page of 50, got ${count}`);

    const meResult = await load({ url: `${chambers.baseUrl}/api/v1/me`, headers });
    const listResult = await load({ url: listUrl, headers });
    const result = {
      database: benchDatabase(),
      users: USERS,
      connections: CONNECTIONS,
      seconds: DEFAULT_SECONDS,
      me: meResult,
      users_page: listResult,
      ratio: { rps: ratio(listResult.rps, meResult.rps), p99: ratio(listResult.p99_ms, meResult.p99_ms) },
    };
    console.log(
      table([
        ["", "req/s", "p99 ms"],
        ["GET /api/v1/me", String(meResult.rps), String(meResult.p99_ms)],
        [`GET /api/v1/users (50 of ${USERS}, q=pat)`, String(listResult.rps), String(listResult.p99_ms)],
        ["users / me", String(result.ratio.rps), String(result.ratio.p99)],
      ]),
    );
    return result;
  } finally {
    await chambers.close();
  }
}
