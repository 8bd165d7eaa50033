/**
 * GET /api/v1/me against its honest baselines, in one process and one run: a bare Fastify
 * route with no database, the floor (a bare route and one `select 1` on the raw driver), and a
 * bare route answering the very same JSON through one hand-written SQL statement.
 */
import { assertSameJson } from "./support/compare.js";
import { handWrittenRoutes } from "./support/hand-written.js";
import { CONNECTIONS, DEFAULT_SECONDS, load, ratio, table } from "./support/load.js";
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

    const bareResult = await load({ url: `${bare.baseUrl}/bare` });
    const floor = await load({ url: `${bare.baseUrl}/floor` });
    const handWritten = await load({ url: `${bare.baseUrl}/me`, headers });
    const me = await load({ url: meUrl, headers });
    const result = {
      database: benchDatabase(),
      connections: CONNECTIONS,
      seconds: DEFAULT_SECONDS,
      bare: bareResult,
      floor,
      hand_written: handWritten,
      me,
      ratio: { me_vs_hand_written: ratio(me.rps, handWritten.rps), me_vs_floor: ratio(me.rps, floor.rps), hand_written_vs_floor: ratio(handWritten.rps, floor.rps) },
    };
    console.log(
      table([
        ["", "req/s", "p99 ms"],
        ["GET /bare (plain Fastify, no database)", String(bareResult.rps), String(bareResult.p99_ms)],
        ["GET /floor (plain Fastify, one `select` on raw driver)", String(floor.rps), String(floor.p99_ms)],
        ["GET /me hand-written (one SQL statement)", String(handWritten.rps), String(handWritten.p99_ms)],
        ["GET /api/v1/me (Chambers)", String(me.rps), String(me.p99_ms)],
        ["me / hand-written", String(result.ratio.me_vs_hand_written), ""],
        ["me / floor", String(result.ratio.me_vs_floor), ""],
      ]),
    );
    return result;
  } finally {
    await bare.close();
    await chambers.close();
  }
}
