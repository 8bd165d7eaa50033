/** Custom billing rates on matters and contacts (GRP-4), and contacts themselves. */
import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser } from "./helpers/factories.js";
import { deactivate, ids, makeContact, makeGroup, makeMatter, paths } from "./helpers/practice.js";

describeDb("practice: custom rates and contacts", (h) => {
  it("GRP-4 a group excluded from custom rates, or archived, is refused a rate on a matter or a contact, and nothing changes", async () => {
    const firm = await buildFirm(h);
    const excluded = await makeGroup(h, firm, { name: "Support staff", exclude_from_custom_rates: true });
    const archived = await makeGroup(h, firm, { name: "Old team" });
    await h.post(`/api/v1/groups/${archived.id}/archive`, {}, firm.owner.token);
    const elsewhere = await buildFirm(h);
    const foreign = await makeGroup(h, elsewhere, { name: "Theirs" });
    const matter = await makeMatter(h, firm.owner);
    const rates = [
      { group_id: excluded.id, rate_cents: 12_000 },
      { group_id: archived.id, rate_cents: 13_000 },
      { group_id: foreign.id, rate_cents: 14_000 },
    ];
    const refused = await h.patch(`/api/v1/matters/${matter.id}`, { custom_rates: rates }, firm.owner.token);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { path: "custom_rates.0.group_id", message: "This group is excluded from custom rates." },
      { path: "custom_rates.1.group_id", message: "This group is archived." },
      { path: "custom_rates.2.group_id", message: "No such group in this firm." },
    ]);
    expect((await h.get(`/api/v1/matters/${matter.id}`, firm.owner.token)).json().custom_rates).toEqual([]);
    const contact = await h.post("/api/v1/contacts", { name: "Harbour Ltd", custom_rates: [{ group_id: excluded.id, rate_cents: 100 }] }, firm.owner.token);
    expect(contact.statusCode).toBe(400);
    expect(paths(contact)).toEqual(["custom_rates.0.group_id"]);
    expect(ids(await h.get("/api/v1/contacts", firm.owner.token))).toEqual([]);
  });

  it("GRP-4 a user's own rate wins over their group's; the matter's over the client's; excluded groups count for nothing", async () => {
    const firm = await buildFirm(h);
    const billing = await buildUser(h, firm, ["billing"]);
    const alice = await buildUser(h, firm, ["attorney"], { firstName: "Alice", lastName: "Able" });
    const bob = await buildUser(h, firm, ["attorney"], { firstName: "Bob", lastName: "Baker" });
    const carol = await buildUser(h, firm, ["attorney"]);
    const partners = await makeGroup(h, firm, { name: "Partners", member_ids: [alice.id, bob.id] });
    const seniors = await makeGroup(h, firm, { name: "Seniors", member_ids: [bob.id] });
    const client = await makeContact(h, billing, { name: "Harbour Ltd", custom_rates: [{ user_id: carol.id, rate_cents: 20_000 }] });
    const matter = await makeMatter(h, firm.owner, { client_id: client.id });
    const set = await h.patch(
      `/api/v1/matters/${matter.id}`,
      { custom_rates: [{ group_id: partners.id, rate_cents: 40_000 }, { group_id: seniors.id, rate_cents: 45_000 }, { user_id: alice.id, rate_cents: 35_000 }] },
      billing.token,
    );
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().custom_rates).toHaveLength(3);
    expect(set.json().custom_rates).toContainEqual({ user_id: alice.id, group_id: null, rate_cents: 35_000, user: { id: alice.id, name: "Alice Able", inactive: false }, group: null });

    const rate = async (userId: string) => (await h.get(`/api/v1/matters/${matter.id}/rates?user_id=${userId}`, firm.owner.token)).json();
    // Alice's own rate wins over her group's, though it is lower.
    expect(await rate(alice.id)).toEqual({ user_id: alice.id, rate_cents: 35_000, source: "matter_user", group_id: null });
    // Bob is in two groups with rates: the higher one applies.
    expect(await rate(bob.id)).toEqual({ user_id: bob.id, rate_cents: 45_000, source: "matter_group", group_id: seniors.id });
    // Carol has no rate on the matter: the client's applies.
    expect(await rate(carol.id)).toEqual({ user_id: carol.id, rate_cents: 20_000, source: "client_user", group_id: null });
    expect(await rate(billing.id)).toEqual({ user_id: billing.id, rate_cents: null, source: null, group_id: null });
    // A group later excluded from custom rates, or archived, no longer gives its rate.
    await h.patch(`/api/v1/groups/${seniors.id}`, { exclude_from_custom_rates: true }, firm.owner.token);
    expect(await rate(bob.id)).toMatchObject({ rate_cents: 40_000, group_id: partners.id });
    await h.post(`/api/v1/groups/${partners.id}/archive`, {}, firm.owner.token);
    expect(await rate(bob.id)).toEqual({ user_id: bob.id, rate_cents: null, source: null, group_id: null });
    const unknown = await h.get(`/api/v1/matters/${matter.id}/rates?user_id=nobody`, firm.owner.token);
    expect(unknown.statusCode).toBe(400);
    expect(paths(unknown)).toEqual(["user_id"]);
  });

  it("GRP-4 rates need rates.manage; the same user or group twice in one list is refused; a deactivated user's rate may stay but not be given anew", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const leaver = await buildUser(h, firm, ["attorney"]);
    const other = await buildUser(h, firm, ["attorney"]);
    const matter = await makeMatter(h, firm.owner, { custom_rates: [{ user_id: leaver.id, rate_cents: 30_000 }] });
    expect((await h.patch(`/api/v1/matters/${matter.id}`, { custom_rates: [] }, attorney.token)).statusCode).toBe(403);
    expect((await h.post("/api/v1/contacts", { name: "X", custom_rates: [{ user_id: attorney.id, rate_cents: 1 }] }, attorney.token)).statusCode).toBe(403);
    const twice = await h.patch(`/api/v1/matters/${matter.id}`, { custom_rates: [{ user_id: other.id, rate_cents: 1 }, { user_id: other.id, rate_cents: 2 }] }, firm.owner.token);
    expect(twice.json().errors).toEqual([{ path: "custom_rates.1.user_id", message: "This user already has a rate in this list." }]);
    await deactivate(h, firm, leaver);
    const kept = await h.patch(`/api/v1/matters/${matter.id}`, { custom_rates: [{ user_id: leaver.id, rate_cents: 31_000 }, { user_id: other.id, rate_cents: 25_000 }] }, firm.owner.token);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().custom_rates.find((r: { user_id: string }) => r.user_id === leaver.id).user.inactive).toBe(true);
    const fresh = await makeMatter(h, firm.owner);
    const anew = await h.patch(`/api/v1/matters/${fresh.id}`, { custom_rates: [{ user_id: leaver.id, rate_cents: 1 }] }, firm.owner.token);
    expect(anew.json().errors).toEqual([{ path: "custom_rates.0.user_id", message: "This user is deactivated; only active users can be chosen." }]);
    const neither = await h.patch(`/api/v1/matters/${fresh.id}`, { custom_rates: [{ rate_cents: 1 }, { user_id: other.id, group_id: other.id, rate_cents: 1 }] }, firm.owner.token);
    expect(neither.statusCode).toBe(400);
    expect(paths(neither)).toEqual(["custom_rates.0.user_id", "custom_rates.1.group_id"]);
  });

  it("PRC-8 contacts are the firm's: listed by name, searched, paged, edited with contacts.edit; another firm's answer 404", async () => {
    const firm = await buildFirm(h);
    const readOnly = await buildUser(h, firm, ["read_only"]);
    const names = ["Zoë Ångström", "ada lovelace", "Bob Builder"];
    const made = [];
    for (const [i, name] of names.entries()) made.push(await makeContact(h, firm.owner, { name, email: `contact${i}@example.com` }));
    expect((await h.get("/api/v1/contacts", readOnly.token)).json().data.map((c: { name: string }) => c.name)).toEqual(["ada lovelace", "Bob Builder", "Zoë Ångström"]);
    expect(ids(await h.get("/api/v1/contacts?q=ÅNGSTRÖM", firm.owner.token))).toEqual([made[0].id]);
    expect(ids(await h.get("/api/v1/contacts?q=CONTACT2@", firm.owner.token))).toEqual([made[2].id]);
    const first = await h.get("/api/v1/contacts?limit=2", firm.owner.token);
    const second = await h.get(`/api/v1/contacts?limit=2&cursor=${first.json().next_cursor}`, firm.owner.token);
    expect([...ids(first), ...ids(second)]).toEqual([made[1].id, made[2].id, made[0].id]);
    expect(second.json().next_cursor).toBeNull();

    expect((await h.post("/api/v1/contacts", { name: "Nope" }, readOnly.token)).statusCode).toBe(403);
    expect((await h.patch(`/api/v1/contacts/${made[0].id}`, { name: "Nope" }, readOnly.token)).statusCode).toBe(403);
    const edited = await h.patch(`/api/v1/contacts/${made[0].id}`, { email: null }, firm.owner.token);
    expect(edited.json()).toMatchObject({ name: "Zoë Ångström", email: null, abilities: { edit: true, manage_rates: true } });
    expect((await h.get("/api/v1/activities?kind=contact.updated", firm.owner.token)).json().data[0].changes).toEqual({ email: { before: "contact0@example.com", after: null } });

    const elsewhere = await buildFirm(h);
    expect((await h.get(`/api/v1/contacts/${made[0].id}`, elsewhere.owner.token)).statusCode).toBe(404);
    expect((await h.patch(`/api/v1/contacts/${made[0].id}`, { name: "Hijacked" }, elsewhere.owner.token)).statusCode).toBe(404);
    expect(ids(await h.get("/api/v1/contacts", elsewhere.owner.token))).toEqual([]);
    const theirClient = await h.post("/api/v1/matters", { number: "1", description: "x", responsible_attorney_id: elsewhere.owner.id, originating_attorney_id: elsewhere.owner.id, client_id: made[0].id }, elsewhere.owner.token);
    expect(theirClient.json().errors).toEqual([{ path: "client_id", message: "No such contact in this firm." }]);
  });
});
