/**
 * GET /api/v1/me against its honest baselines, in one process and one run: a bare Fastify
 * route with no database, the floor (a bare route and one `select` on the raw driver), and a
 * bare route answering the very same JSON through one hand-written SQL statement.
 */
import { assertSameJson } from "./support/compare.js";
import { handWrittenRoutes } from "./support/hand-written.js";
import { CONNECTIONS, DEFAULT_SECONDS, loadAll, medianRatio, ROUNDS, table } from "./support/load.js";
import { benchDatabase, signUpFirm, startBare, startChambers } from "./support/servers.js";

export const title = "authenticated GET /api/v1/me vs the floor and a hand-written baseline";

export async function run() {
  const chambers = await startChambers();
  const bare = await startBare((app) => handWrittenRoutes(app, chambers.it.raw));
  try {
    const token = await signUpFirm(chambers.it.runtime);
    const headers = { authorization: `Bearer ${token}` };
    const meUrl = `${chambers.baseUrl}/api/v1/me`;
    await assertSameJson(meUrl, `${bare.baseUrl}/me`, headers, ["csrf_token"]);

    const r = await loadAll({
      bare: { url: `${bare.baseUrl}/bare` },
      floor: { url: `${bare.baseUrl}/floor` },
      hand_written: { url: `${bare.baseUrl}/me`, headers },
      me: { url: meUrl, headers },
    });
    const result = {
      database: benchDatabase(),
      connections: CONNECTIONS,
      seconds: DEFAULT_SECONDS,
      rounds: ROUNDS,
      ...r,
      ratio: {
        me_vs_hand_written: medianRatio(r.me, r.hand_written),
        me_vs_floor: medianRatio(r.me, r.floor),
        hand_written_vs_floor: medianRatio(r.hand_written, r.floor),
      },
    };
    console.log(
      table([
        ["", "req/s", "p99 ms", "rounds"],
        ["GET /bare (plain Fastify, no database)", String(r.bare.rps), String(r.bare.p99_ms), r.bare.rounds.join(" ")],
        ["GET /floor (plain Fastify, one `select` on the raw driver)", String(r.floor.rps), String(r.floor.p99_ms), r.floor.rounds.join(" ")],
        ["GET /me hand-written (one SQL statement)", String(r.hand_written.rps), String(r.hand_written.p99_ms), r.hand_written.rounds.join(" ")],
        ["GET /api/v1/me (Chambers)", String(r.me.rps), String(r.me.p99_ms), r.me.rounds.join(" ")],
        ["me / hand-written (median of rounds)", String(result.ratio.me_vs_hand_written), "", ""],
        ["me / floor (median of rounds)", String(result.ratio.me_vs_floor), "", ""],
      ]),
    );
    return result;
  } finally {
    await bare.close();
    await chambers.close();
  }
}
