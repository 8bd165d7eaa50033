import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { startRuntime } from "../src/runtime.js";
import { testConfig } from "./helpers/harness.js";
import { PASSWORD, uniqueEmail } from "./helpers/factories.js";

describe("embedded database", () => {
  it("OPS-1 concurrent transactions on the embedded database never interleave", async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    await migrate(database);
    const { db } = database;
    await db.execute(sql`create table counter (n int not null)`);
    await db.execute(sql`insert into counter values (0)`);
    // Each transaction reads, yields to the event loop, then writes: an interleaving would lose updates.
    await Promise.all(
      Array.from({ length: 40 }, () =>
        db.transaction(async (tx) => {
          const res = await tx.execute(sql`select n from counter`);
          const n = (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
          await new Promise((r) => setImmediate(r));
          await tx.execute(sql`update counter set n = ${n + 1}`);
        }),
      ),
    );
    const res = await db.execute(sql`select n from counter`);
    expect((res as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(40);
    await database.close();
  });

  it("OPS-1 concurrent requests on the embedded database each see their own transaction whole", async () => {
    const rt = await startRuntime(testConfig({ name: "pglite" }), { logger: false });
    const signups = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rt.app.inject({ method: "POST", url: "/api/v1/signup", payload: { firm_name: `Concurrent ${i}`, first_name: "C", last_name: `${i}`, email: uniqueEmail(`c${i}`), password: PASSWORD, plan: "monthly", licenses: 2 } }),
      ),
    );
    expect(signups.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const res = await rt.deps.database.db.execute(sql`select f.id, (select count(*)::int from roles r where r.firm_id = f.id) as roles, (select count(*)::int from activities a where a.firm_id = f.id) as feed from firms f`);
    const rows = (res as unknown as { rows: { roles: number; feed: number }[] }).rows;
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.roles === 5 && r.feed === 2)).toBe(true);
    await rt.close();
  });
});
