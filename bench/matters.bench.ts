/**
 * GET /api/v1/matters: the first page of 50 out of 20,000 matters, with both attorneys as
 * references (some `(Inactive)`), client, access groups and custom rates, against its honest
 * baselines in the same run: the floor (a bare route and one `select` on the raw driver) and a
 * bare route answering the very same JSON through one hand-written statement.
 */
import { analyze, fillAttorneys, fillMatters } from "./support/practice-data.js";
import { assertSameJson } from "./support/compare.js";
import { handWrittenRoutes } from "./support/hand-written.js";
import { handWrittenMatters } from "./support/hand-written-matters.js";
import { CONNECTIONS, DEFAULT_SECONDS, loadAll, medianRatio, ROUNDS, table } from "./support/load.js";
import { benchDatabase, signUpFirm, startBare, startChambers } from "./support/servers.js";

export const title = "GET /api/v1/matters (50 of 20,000, attorney references) vs the floor and a hand-written baseline";

const MATTERS = Number(process.env.BENCH_MATTERS ?? 20_000);
const QUERY = "limit=50";

export async function run() {
  const chambers = await startChambers();
  const bare = await startBare((app) => {
    handWrittenRoutes(app, chambers.it.raw);
    handWrittenMatters(app, chambers.it.raw);
  });
  try {
    const { runtime } = chambers.it;
    const token = await signUpFirm(runtime);
    const headers = { authorization: `Bearer ${token}` };
    const me = (await runtime.app.inject({ method: "GET", url: "/api/v1/me", headers })).json() as { id: string; firm: { id: string } };
    const { db } = runtime.deps.database;
    const firm = { firmId: me.firm.id, ownerId: me.id, prefix: "bench" };
    await fillAttorneys(db, firm, 40);
    await fillMatters(db, firm, { count: MATTERS, attorneys: 40, contacts: 500 });
    await analyze(db);

    const listUrl = `${chambers.baseUrl}/api/v1/matters?${QUERY}`;
    const handUrl = `${bare.baseUrl}/matters?${QUERY}`;
    const check = (await (await fetch(listUrl, { headers })).json()) as { data: { responsible_attorney: { inactive: boolean } }[] };
    if (check.data.length !== 50) throw new Error(`expected a full page of 50, got ${check.data.length}`);
    if (!check.data.some((m) => m.responsible_attorney.inactive)) throw new Error("expected (Inactive) attorneys on the page");
    await assertSameJson(listUrl, handUrl, headers);

    const r = await loadAll({
      floor: { url: `${bare.baseUrl}/floor` },
      hand_written: { url: handUrl, headers },
      matters_page: { url: listUrl, headers },
    });
    const result = {
      database: benchDatabase(),
      matters: MATTERS,
      connections: CONNECTIONS,
      seconds: DEFAULT_SECONDS,
      rounds: ROUNDS,
      ...r,
      ratio: {
        matters_vs_hand_written: medianRatio(r.matters_page, r.hand_written),
        matters_vs_floor: medianRatio(r.matters_page, r.floor),
        hand_written_vs_floor: medianRatio(r.hand_written, r.floor),
      },
    };
    console.log(
      table([
        ["", "req/s", "p99 ms", "rounds"],
        ["GET /floor (plain Fastify, one `select` on the raw driver)", String(r.floor.rps), String(r.floor.p99_ms), r.floor.rounds.join(" ")],
        ["GET /matters hand-written (one SQL statement)", String(r.hand_written.rps), String(r.hand_written.p99_ms), r.hand_written.rounds.join(" ")],
        [`GET /api/v1/matters (Chambers, 50 of ${MATTERS})`, String(r.matters_page.rps), String(r.matters_page.p99_ms), r.matters_page.rounds.join(" ")],
        ["matters / hand-written (median of rounds, target >= 0.6)", String(result.ratio.matters_vs_hand_written), "", ""],
        ["matters / floor (median of rounds)", String(result.ratio.matters_vs_floor), "", ""],
      ]),
    );
    return result;
  } finally {
    await bare.close();
    await chambers.close();
  }
}
