import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { charges, users } from "../src/db/schema.js";
import { TestClock } from "../src/domain/clock.js";
import { startRuntime, type Runtime } from "../src/runtime.js";
import { BACKENDS, scratchDatabase, START, testConfig } from "./helpers/harness.js";
import { PASSWORD, uniqueEmail } from "./helpers/factories.js";

/**
 * LIC-8 under real concurrency: on PostgreSQL, two app instances share one database, as two
 * servers behind a load balancer would; on PGlite, one instance takes concurrent requests.
 */
describe.each(BACKENDS)("licenses under concurrency [$name]", (backend) => {
  const instances: Runtime[] = [];
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const scratch = backend.url ? await scratchDatabase(backend.url) : null;
    drop = scratch?.drop;
    const config = testConfig({ ...backend, url: scratch?.url });
    const first = await startRuntime(config, { clock: new TestClock(START), logger: false });
    instances.push(first);
    // PGlite is one process's database: a second instance exists only on PostgreSQL.
    if (scratch) instances.push(await startRuntime(config, { clock: new TestClock(START), logger: false }));
  });
  afterAll(async () => {
    for (const rt of instances) await rt.close();
    await drop?.();
  });

  const via = (i: number) => instances[i % instances.length]!.app;

  async function firm(licenses: number) {
    const res = await via(0).inject({ method: "POST", url: "/api/v1/signup", payload: { firm_name: "Concurrent LLP", first_name: "C", last_name: "Owner", email: uniqueEmail("conc"), password: PASSWORD, plan: "monthly", licenses } });
    const body = res.json();
    const roles = await via(0).inject({ method: "GET", url: "/api/v1/roles", headers: { authorization: `Bearer ${body.token}` } });
    return { id: body.firm.id as string, token: body.token as string, roleId: roles.json().data.find((r: { name: string }) => r.name === "Attorney").id as string };
  }

  const licenses = async (token: string) => (await via(0).inject({ method: "GET", url: "/api/v1/licenses", headers: { authorization: `Bearer ${token}` } })).json();

  it("LIC-8 parallel invitations through two instances never occupy more licenses than the firm has", async () => {
    const f = await firm(5);
    const results = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        via(i).inject({ method: "POST", url: "/api/v1/invitations", headers: { authorization: `Bearer ${f.token}` }, payload: { email: uniqueEmail(`p${i}`), subscription_type: "attorney", role_ids: [f.roleId] } }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(4);
    expect(codes.filter((c) => c === 409)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === "license_purchase_required")).toBe(true);
    expect(await licenses(f.token)).toMatchObject({ total: 5, occupied: 5, available: 0 });
    const db = instances[0]!.deps.database.db;
    expect(await db.select().from(users).where(eq(users.firmId, f.id))).toHaveLength(5);
  });

  it("LIC-8 confirmed invitations racing each buy exactly the licenses they need, charged once each", async () => {
    const f = await firm(2);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        via(i).inject({ method: "POST", url: "/api/v1/invitations", headers: { authorization: `Bearer ${f.token}` }, payload: { email: uniqueEmail(`b${i}`), subscription_type: "attorney", role_ids: [f.roleId], confirm_purchase: true } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const bought = results.filter((r) => r.json().charge).length;
    expect(bought).toBe(7);
    expect(await licenses(f.token)).toMatchObject({ total: 9, occupied: 9, available: 0 });
    const db = instances[0]!.deps.database.db;
    const ledger = await db.select().from(charges).where(eq(charges.firmId, f.id));
    expect(ledger.filter((c) => c.kind === "licenses").reduce((n, c) => n + c.count, 0)).toBe(7);
  });

  it("LIC-8 removals racing each other never remove more than is free", async () => {
    const f = await firm(6);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => via(i).inject({ method: "POST", url: "/api/v1/licenses/removals", headers: { authorization: `Bearer ${f.token}` }, payload: { count: 1 } })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === "no_available_license")).toBe(true);
    expect(await licenses(f.token)).toMatchObject({ total: 6, occupied: 1, pending_removal: 5, available: 0 });
  });

  it("LIC-8 one Idempotency-Key sent to both instances at once charges once", async () => {
    const f = await firm(1);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        via(i).inject({ method: "POST", url: "/api/v1/licenses", headers: { authorization: `Bearer ${f.token}`, "idempotency-key": "same-purchase" }, payload: { count: 3, confirm: true } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.json().charge.id)).size).toBe(1);
    expect((await licenses(f.token)).total).toBe(4);
  });
});
