/** GET /api/v1/me (session lookup, firm and user load, zod output) against a bare Fastify route. */
import { CONNECTIONS, DEFAULT_SECONDS, load, ratio, table } from "./support/load.js";
import { benchDatabase, signUpFirm, startBare, startChambers } from "./support/servers.js";

export const title = "authenticated GET /api/v1/me vs a bare Fastify route";

export async function run() {
  const chambers = await startChambers();
  const bare = await startBare();
  try {
    const token = await signUpFirm(chambers.it);
    const bareResult = await load({ url: `${bare.baseUrl}/bare` });
    const meResult = await load({ url: `${chambers.baseUrl}/api/v1/me`, headers: { authorization: `Bearer ${token}` } });
    const result = {
      database: benchDatabase(),
      connections: CONNECTIONS,
      seconds: DEFAULT_SECONDS,
      bare: bareResult,
      me: meResult,
      ratio: { rps: ratio(meResult.rps, bareResult.rps), p99: ratio(meResult.p99_ms, bareResult.p99_ms) },
    };
    console.log(
      table([
        ["", "req/s", "p99 ms"],
        ["GET /bare (plain Fastify)", String(bareResult.rps), String(bareResult.p99_ms)],
        ["GET /api/v1/me", String(meResult.rps), String(meResult.p99_ms)],
        ["me / bare", String(result.ratio.rps), String(result.ratio.p99)],
      ]),
    );
    return result;
  } finally {
    await bare.close();
    await chambers.close();
  }
}
