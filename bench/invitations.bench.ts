/**
 * Invitations per second through the API (each: license check under the firm's lock, user,
 * roles, invitation, outbox mail and feed entry in one transaction) against the same number of
 * bare single-row INSERTs on the same database, in the same run.
 */
import { sql } from "drizzle-orm";
import { ratio, table } from "./support/load.js";
import { benchDatabase, startChambers } from "./support/servers.js";

export const title = "POST /api/v1/invitations vs bare INSERTs on the same database";

const COUNT = Number(process.env.BENCH_INVITATIONS ?? 400);
const CONCURRENCY = 10;

/** Runs `task(i)` for i < COUNT with CONCURRENCY in flight; returns operations per second. */
async function throughput(task: (i: number) => Promise<void>): Promise<{ per_second: number; seconds: number }> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) await task(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { per_second: Math.round(COUNT / seconds), seconds: Math.round(seconds * 100) / 100 };
}

export async function run() {
  const chambers = await startChambers();
  try {
    const { db } = chambers.it.runtime.deps.database;
    const suffix = Math.random().toString(36).slice(2, 10);
    const signup = await chambers.it.runtime.app.inject({
      method: "POST",
      url: "/api/v1/signup",
      payload: { firm_name: `Bench ${suffix}`, first_name: "Bea", last_name: "Bench", email: `owner.${suffix}@bench.test`, password: "steady-lantern-harbour-42", plan: "annual", licenses: COUNT + 10 },
    });
    const token = signup.json().token as string;
    const roles = await fetch(`${chambers.baseUrl}/api/v1/roles`, { headers: { authorization: `Bearer ${token}` } });
    const roleId = ((await roles.json()) as { data: { id: string; name: string }[] }).data.find((r) => r.name === "Attorney")!.id;

    const invitations = await throughput(async (i) => {
      const res = await fetch(`${chambers.baseUrl}/api/v1/invitations`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ email: `invitee.${i}.${suffix}@bench.test`, subscription_type: "attorney", role_ids: [roleId] }),
      });
      if (res.status !== 201) throw new Error(`invitation ${i}: ${res.status} ${await res.text()}`);
    });

    await db.execute(sql`create table if not exists bench_bare (id text primary key, email text not null)`);
    const inserts = await throughput(async (i) => {
      await db.execute(sql`insert into bench_bare (id, email) values (${`${suffix}-${i}`}, ${`bare.${i}@bench.test`})`);
    });
    await db.execute(sql`drop table if exists bench_bare`);

    const result = { database: benchDatabase(), count: COUNT, concurrency: CONCURRENCY, invitations, inserts, ratio: ratio(invitations.per_second, inserts.per_second) };
    console.log(
      table([
        ["", "per second", "seconds"],
        [`${COUNT} invitations through the API`, String(invitations.per_second), String(invitations.seconds)],
        [`${COUNT} bare INSERTs`, String(inserts.per_second), String(inserts.seconds)],
        ["invitations / inserts", String(result.ratio), ""],
      ]),
    );
    return result;
  } finally {
    await chambers.close();
  }
}
