import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { firms } from "../src/db/schema.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildAdmin, buildFirm, buildUser, invite, PASSWORD, roleId, type BuiltFirm, type BuiltUser } from "./helpers/factories.js";

const OWNER_NAME = "Olivia Owner";
const TRANSFER = "/api/v1/firm/ownership-transfer";
const KIND = "firm.ownership_transferred";

type FieldError = { path: string; message: string };

function transfer(h: Harness, firm: BuiltFirm, to: string, overrides: Record<string, unknown> = {}, token = firm.owner.token) {
  return h.post(TRANSFER, { to_user_id: to, password: PASSWORD, full_name: OWNER_NAME, ...overrides }, token);
}

const paths = (body: { errors?: FieldError[] }) => (body.errors ?? []).map((e) => e.path);
const roleNames = async (h: Harness, user: { id: string }, token: string) =>
  ((await h.get(`/api/v1/users/${user.id}`, token)).json().roles as { name: string }[]).map((r) => r.name);

/** A refusal changes nothing: the owner is still the owner, and the feed has no transfer. */
async function expectUnchanged(h: Harness, firm: BuiltFirm, others: BuiltUser[] = []) {
  const shown = await h.get("/api/v1/firm", firm.owner.token);
  expect(shown.json().primary_subscriber_id).toBe(firm.owner.id);
  const [row] = await h.db.select().from(firms).where(eq(firms.id, firm.id));
  expect(row!.primarySubscriberId).toBe(firm.owner.id);
  expect((await h.get(`/api/v1/activities?kind=${KIND}`, firm.owner.token)).json().data).toEqual([]);
  for (const u of others) expect((await h.get(`/api/v1/users/${u.id}`, firm.owner.token)).json().is_primary_subscriber).toBe(false);
}

describeDb("ownership transfer", (h) => {
  it("ACC-6 the primary subscriber transfers ownership to an active administrator; the former owner stays an administrator", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const res = await transfer(h, firm, admin.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: firm.id, primary_subscriber_id: admin.id, status: "active" });

    expect((await h.get("/api/v1/firm", firm.owner.token)).json().primary_subscriber_id).toBe(admin.id);
    const former = (await h.get("/api/v1/me", firm.owner.token)).json();
    expect(former).toMatchObject({ is_primary_subscriber: false, roles: [{ name: "Administrator" }] });
    expect(former.permissions).toContain("firm.settings");
    expect((await h.get("/api/v1/me", admin.token)).json()).toMatchObject({ is_primary_subscriber: true, roles: [{ name: "Administrator" }] });

    // ACC-4 now protects the new owner from the former one, and ACC-5 lets the new owner edit the former.
    const blocked = await h.patch(`/api/v1/users/${admin.id}`, { city: "Elsewhere" }, firm.owner.token);
    expect(blocked.statusCode).toBe(403);
    expect((await h.get(`/api/v1/users/${admin.id}`, admin.token)).json().city).toBeNull();
    expect((await h.patch(`/api/v1/users/${firm.owner.id}`, { city: "Boston" }, admin.token)).statusCode).toBe(200);
    // Only the primary subscriber transfers: the former owner no longer can.
    expect((await transfer(h, firm, admin.id)).statusCode).toBe(403);

    const feed = (await h.get(`/api/v1/activities?kind=${KIND}`, admin.token)).json().data;
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({
      actor: { id: firm.owner.id, name: OWNER_NAME },
      subject_type: "firm",
      subject_id: firm.id,
      changes: {
        primary_subscriber_id: { before: firm.owner.id, after: admin.id },
        primary_subscriber: { before: OWNER_NAME, after: "Alex Admin" },
      },
    });
    expect(feed[0].changes.justification).toBeUndefined();
    const notes = (await h.get("/api/v1/notifications", admin.token)).json().data;
    expect(notes).toEqual([expect.objectContaining({ kind: KIND, title: expect.stringContaining("primary subscriber") })]);
  });

  it("ROL-6 an administrator through a custom role becomes the owner holding the built-in Administrator role as well", async () => {
    const firm = await buildFirm(h);
    const role = (await h.post("/api/v1/roles", { name: "Managing partner", permissions: ["firm.settings"] }, firm.owner.token)).json();
    const partner = await buildUser(h, firm, ["attorney"], { firstName: "Pat", lastName: "Partner" });
    expect((await h.patch(`/api/v1/users/${partner.id}`, { role_ids: [role.id] }, firm.owner.token)).statusCode).toBe(200);
    const res = await transfer(h, firm, partner.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(await roleNames(h, partner, partner.token)).toEqual(["Administrator", "Managing partner"]);
    expect(await roleNames(h, firm.owner, partner.token)).toEqual(["Administrator"]);
    const [assigned] = (await h.get(`/api/v1/activities?kind=user.roles_assigned`, partner.token)).json().data;
    expect(assigned).toMatchObject({ subject_id: partner.id, changes: { roles: { before: ["Managing partner"], after: ["Administrator", "Managing partner"] } } });
  });

  it("ACC-6 a wrong password, or the full name not typed exactly, is refused and changes nothing", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const wrong = await transfer(h, firm, admin.id, { password: "not-the-password-at-all" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "password", message: "The password is not correct." }] });
    for (const fullName of ["olivia owner", "OLIVIA OWNER", "Olivia  Owner", " Olivia Owner", "Olivia Owner ", "Olivia"]) {
      const res = await transfer(h, firm, admin.id, { full_name: fullName });
      expect(res.statusCode, fullName).toBe(400);
      expect(paths(res.json()), fullName).toEqual(["full_name"]);
    }
    const missing = await h.post(TRANSFER, { to_user_id: admin.id }, firm.owner.token);
    expect(missing.statusCode).toBe(400);
    expect(paths(missing.json()).sort()).toEqual(["full_name", "password"]);
    await expectUnchanged(h, firm, [admin]);
  });

  it("ACC-6 ownership goes only to an active administrator of this firm: not a user, a deactivated or invited administrator, oneself; another firm's user answers 404", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const leaver = await buildAdmin(h, firm);
    expect((await h.post(`/api/v1/users/${leaver.id}/deactivate`, {}, firm.owner.token)).statusCode).toBe(200);
    const { res: invited } = await invite(h, firm, { role_ids: [await roleId(h, firm, "Administrator")] });
    expect(invited.statusCode, invited.body).toBe(201);
    const other = await buildFirm(h);
    const foreign = await buildAdmin(h, other);

    for (const [to, why] of [
      [attorney.id, "not an administrator"],
      [leaver.id, "deactivated"],
      [invited.json().user.id as string, "invitation"],
      [firm.owner.id, "already the primary subscriber"],
    ] as const) {
      const res = await transfer(h, firm, to);
      expect(res.statusCode, why).toBe(400);
      expect(res.json().errors, why).toEqual([{ path: "to_user_id", message: expect.stringContaining(why) }]);
    }
    expect((await transfer(h, firm, foreign.id)).statusCode).toBe(404);
    expect((await transfer(h, firm, randomUUID())).statusCode).toBe(404);
    await expectUnchanged(h, firm, [attorney, leaver]);
    expect((await h.get("/api/v1/firm", other.owner.token)).json().primary_subscriber_id).toBe(other.owner.id);
  });

  it("ACC-6 only the primary subscriber transfers ownership: another administrator or a user gets 403", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const second = await buildUser(h, firm, ["administrator"], { firstName: "Second", lastName: "Admin" });
    const attorney = await buildUser(h, firm, ["attorney"]);
    // Even with the owner's own password and name: the caller is not the owner.
    expect((await transfer(h, firm, second.id, {}, admin.token)).statusCode).toBe(403);
    expect((await transfer(h, firm, admin.id, {}, admin.token)).statusCode).toBe(403);
    expect((await transfer(h, firm, admin.id, { full_name: "Alex Admin" }, admin.token)).statusCode).toBe(403);
    expect((await transfer(h, firm, admin.id, {}, attorney.token)).statusCode).toBe(403);
    expect((await h.post(TRANSFER, { to_user_id: admin.id, password: PASSWORD, full_name: OWNER_NAME })).statusCode).toBe(401);
    await expectUnchanged(h, firm, [admin, second]);
  });

  it("ACC-6 the transfer checks a password, so it is rate limited per user whatever the address (SEC-2)", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    for (let i = 0; i < 10; i++) expect((await transfer(h, firm, admin.id, { password: `wrong-password-${i}` })).statusCode).toBe(400);
    const limited = await transfer(h, firm, admin.id);
    expect(limited.statusCode).toBe(429);
    await expectUnchanged(h, firm, [admin]);
  });

  it("ACC-2 two transfers racing leave exactly one primary subscriber", async () => {
    for (let round = 0; round < 3; round++) {
      const firm = await buildFirm(h);
      const a = await buildAdmin(h, firm);
      const b = await buildUser(h, firm, ["administrator"], { firstName: "Blake", lastName: "Admin" });
      const [ra, rb] = await Promise.all([transfer(h, firm, a.id), transfer(h, firm, b.id)]);
      expect([ra.statusCode, rb.statusCode].sort(), `${ra.body} ${rb.body}`).toEqual([200, 403]);
      const winner = ra.statusCode === 200 ? a : b;
      const loser = winner === a ? b : a;
      const [row] = await h.db.select().from(firms).where(eq(firms.id, firm.id));
      expect(row!.primarySubscriberId).toBe(winner.id);
      expect((await h.get("/api/v1/firm", winner.token)).json().primary_subscriber_id).toBe(winner.id);
      const flags = await Promise.all(
        [firm.owner, a, b].map(async (u) => (await h.get(`/api/v1/users/${u.id}`, winner.token)).json().is_primary_subscriber as boolean),
      );
      expect(flags.filter(Boolean)).toHaveLength(1);
      expect((await h.get(`/api/v1/users/${loser.id}`, winner.token)).json().is_primary_subscriber).toBe(false);
      const feed = (await h.get(`/api/v1/activities?kind=${KIND}`, winner.token)).json().data;
      expect(feed).toHaveLength(1);
      expect(feed[0].changes.primary_subscriber_id).toEqual({ before: firm.owner.id, after: winner.id });
    }
  });
});
