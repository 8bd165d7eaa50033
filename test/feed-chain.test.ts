import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { activities } from "../src/db/schema.js";
import { verifyFeed } from "../src/domain/feed/verify-feed.js";
import { startRuntime } from "../src/runtime.js";
import { chambers } from "./helpers/cli.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser, PASSWORD, uniqueEmail } from "./helpers/factories.js";
import type { Db, Executor } from "../src/db/client.js";

/**
 * Tampers with the feed the way an attacker with database access would: the append-only
 * triggers refuse every UPDATE and DELETE (FEED-4), so they are disabled first, inside one
 * transaction so nothing else ever sees them off.
 */
async function tamper(db: Db, change: (tx: Executor) => Promise<unknown>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table activities disable trigger user`);
    await change(tx);
    await tx.execute(sql`alter table activities enable trigger user`);
  });
}

describeDb("the feed's hash chain", (h) => {
  async function firmWithHistory() {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    await h.patch(`/api/v1/users/${user.id}`, { city: "Lyon" }, firm.owner.token);
    await h.post("/api/v1/me/tokens", { name: "chain" }, firm.owner.token);
    const rows = await h.db.select().from(activities).where(eq(activities.firmId, firm.id)).orderBy(activities.seq);
    return { firm, rows };
  }

  it("FEED-4 every entry is linked to the one before it, and the chain verifies", async () => {
    const { firm, rows } = await firmWithHistory();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[0]!.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyFeed(h.db, firm.id)).toEqual({ firmId: firm.id, entries: rows.length, ok: true });
  });

  it("FEED-4 the database itself refuses to update, delete or truncate feed entries", async () => {
    const { firm, rows } = await firmWithHistory();
    const victim = rows[1]!;
    // Drizzle wraps the database's error: its cause carries the trigger's message.
    const refusal = (p: Promise<unknown>) => p.then(() => "accepted", (e: { message: string; cause?: { message: string } }) => e.cause?.message ?? e.message);
    expect(await refusal(h.db.execute(sql`update activities set subject_label = 'Forged' where firm_id = ${firm.id} and id = ${victim.id}`))).toMatch(/append-only: UPDATE/);
    expect(await refusal(h.db.delete(activities).where(and(eq(activities.firmId, firm.id), eq(activities.id, victim.id))))).toMatch(/append-only: DELETE/);
    expect(await refusal(h.db.execute(sql`truncate activities`))).toMatch(/append-only: TRUNCATE/);
    const after = await h.db.select().from(activities).where(eq(activities.firmId, firm.id)).orderBy(activities.seq);
    expect(after).toEqual(rows);
    expect(await verifyFeed(h.db, firm.id)).toMatchObject({ ok: true, entries: rows.length });
  });

  it("FEED-4 a changed entry is detected, naming it", async () => {
    const { firm, rows } = await firmWithHistory();
    const victim = rows[2]!;
    await tamper(h.db, (tx) => tx.execute(sql`update activities set changes = '{"city":{"before":null,"after":"Paris"}}'::jsonb where firm_id = ${firm.id} and id = ${victim.id}`));
    const verdict = await verifyFeed(h.db, firm.id);
    expect(verdict).toMatchObject({ ok: false, entries: 2, broken: { id: victim.id, reason: expect.stringMatching(/changed/) } });
  });

  it("FEED-4 a removed entry is detected, in the middle or at the end", async () => {
    const first = await firmWithHistory();
    await tamper(h.db, (tx) => tx.delete(activities).where(and(eq(activities.firmId, first.firm.id), eq(activities.id, first.rows[1]!.id))));
    expect(await verifyFeed(h.db, first.firm.id)).toMatchObject({ ok: false, broken: { id: first.rows[2]!.id, reason: expect.stringMatching(/removed/) } });
    const second = await firmWithHistory();
    await tamper(h.db, (tx) => tx.delete(activities).where(and(eq(activities.firmId, second.firm.id), eq(activities.id, second.rows.at(-1)!.id))));
    expect(await verifyFeed(h.db, second.firm.id)).toMatchObject({ ok: false, broken: { reason: "the newest entries were removed" } });
  });

  it("FEED-4 entries written concurrently still form one unbroken chain", async () => {
    const firm = await buildFirm(h);
    await Promise.all(Array.from({ length: 12 }, (_, i) => h.post("/api/v1/me/tokens", { name: `parallel ${i}` }, firm.owner.token)));
    expect(await verifyFeed(h.db, firm.id)).toMatchObject({ ok: true, entries: 14 });
  });
});

describe("the verify-feed command", () => {
  const run = (dir: string) => chambers({}, dir, ["verify-feed"]);

  it("FEED-4 the command says which firm's feed is whole and which was altered, and fails on the latter", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "chambers-feed-"));
    try {
      const config = loadConfig({ DATABASE_URL: "", DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "test" });
      let rt = await startRuntime(config, { logger: false });
      const signup = (name: string) =>
        rt.app.inject({ method: "POST", url: "/api/v1/signup", payload: { firm_name: name, first_name: "V", last_name: "F", email: uniqueEmail("vf"), password: PASSWORD, plan: "monthly", licenses: 1 } });
      const intact = (await signup("Intact LLP")).json().firm.id as string;
      const altered = (await signup("Altered LLP")).json().firm.id as string;
      await rt.close();
      const clean = await run(dir);
      expect(clean.code, clean.stderr).toBe(0);
      expect(clean.stdout).toContain(`ok      ${intact}: 2 entries`);

      rt = await startRuntime(config, { logger: false });
      await tamper(rt.deps.database.db, (tx) => tx.execute(sql`update activities set subject_label = 'Someone else' where firm_id = ${altered}`));
      await rt.close();
      const after = await run(dir);
      expect(after.code).toBe(1);
      expect(after.stdout).toContain(`ok      ${intact}`);
      expect(after.stdout).toMatch(new RegExp(`BROKEN  ${altered}: after 0 good entries`));
      expect(after.stderr).toContain("1 of 2 firm feeds failed verification.");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
