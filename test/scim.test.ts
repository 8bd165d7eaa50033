import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { scimTokens, users } from "../src/db/schema.js";
import { sha256 } from "../src/domain/secrets.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, roleId, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";
import { ENTERPRISE, ERROR, GROUP, ScimClient, USER, userResource } from "./helpers/scim-client.js";

async function scimToken(h: Harness, firm: BuiltFirm, name = "Okta") {
  const res = await h.post("/api/v1/scim-tokens", { name }, firm.owner.token);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; token: string; created_at: string; last_used_at: string | null };
}

async function client(h: Harness, firm: BuiltFirm) {
  return new ScimClient(h, (await scimToken(h, firm)).token);
}

const feed = async (h: Harness, firm: BuiltFirm, kind: string) => (await h.get(`/api/v1/activities?kind=${kind}`, firm.owner.token)).json().data;
const notes = async (h: Harness, token: string) => (await h.get("/api/v1/notifications", token)).json().data as { kind: string; title: string; body: string }[];
const userCount = async (h: Harness, firm: BuiltFirm) => (await h.db.select().from(users).where(eq(users.firmId, firm.id))).length;

/** A SCIM error: its schema, its status as a string, and the scimType when one is expected. */
function expectScimError(res: { status: number; json: () => unknown; headers: Record<string, unknown>; body?: string }, status: number, scimType?: string) {
  expect(res.status, res.body).toBe(status);
  expect(String(res.headers["content-type"])).toContain("application/scim+json");
  const body = res.json() as { schemas: string[]; status: string; scimType?: string; detail: string };
  expect(body.schemas).toEqual([ERROR]);
  expect(body.status).toBe(String(status));
  if (scimType) expect(body.scimType).toBe(scimType);
  expect(body.detail.length).toBeGreaterThan(5);
}

describeDb("scim", (h) => {
  it("SCIM-1 administrators create, list and revoke SCIM tokens: the secret shown once, kept hashed, last use recorded at most once a minute", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.post("/api/v1/scim-tokens", { name: "Sneaky" }, attorney.token)).statusCode).toBe(403);
    const created = await scimToken(h, firm, "Entra ID");
    expect(created).toMatchObject({ name: "Entra ID", last_used_at: null });
    expect(created.token).toMatch(/^chscim_/);
    const [row] = await h.db.select().from(scimTokens).where(eq(scimTokens.id, created.id));
    expect(row!.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const listed = (await h.get("/api/v1/scim-tokens", firm.owner.token)).json().data;
    expect(listed).toEqual([{ id: created.id, name: "Entra ID", created_at: created.created_at, last_used_at: null }]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const scim = new ScimClient(h, created.token);
    expect((await scim.get("/Users")).status).toBe(200);
    const firstUse = (await h.get("/api/v1/scim-tokens", firm.owner.token)).json().data[0].last_used_at;
    expect(firstUse).toBe(h.clock.now().toISOString());
    h.clock.advance(30_000);
    await scim.get("/Users");
    expect((await h.get("/api/v1/scim-tokens", firm.owner.token)).json().data[0].last_used_at).toBe(firstUse);
    h.clock.advance(31_000);
    await scim.get("/Users");
    expect((await h.get("/api/v1/scim-tokens", firm.owner.token)).json().data[0].last_used_at).toBe(h.clock.now().toISOString());

    expect((await h.delete(`/api/v1/scim-tokens/${created.id}`, firm.owner.token)).statusCode).toBe(204);
    expect((await h.get("/api/v1/scim-tokens", firm.owner.token)).json().data).toEqual([]);
    expectScimError(await scim.get("/Users"), 401);
    expect((await h.delete(`/api/v1/scim-tokens/${created.id}`, firm.owner.token)).statusCode).toBe(404);
    expect((await feed(h, firm, "scim_token.created"))[0]).toMatchObject({ subject_label: "Entra ID" });
    expect(await feed(h, firm, "scim_token.revoked")).toHaveLength(1);
  });

  it("SCIM-1 discovery: ServiceProviderConfig, ResourceTypes and Schemas describe Users (with the enterprise extension) and Groups", async () => {
    const scim = await client(h, await buildFirm(h));
    const config = await scim.get("/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(String(config.headers["content-type"])).toContain("application/scim+json");
    expect(config.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 }, etag: { supported: true }, bulk: { supported: false } });
    const types = (await scim.get("/ResourceTypes")).json();
    expect(types.Resources.map((r: { id: string }) => r.id).sort()).toEqual(["Group", "User"]);
    expect((await scim.get("/ResourceTypes/User")).json().schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
    const schemas = (await scim.get("/Schemas")).json();
    expect(schemas.Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([USER, GROUP, ENTERPRISE]));
    expect((await scim.get(`/Schemas/${USER}`)).json().attributes.some((a: { name: string }) => a.name === "userName")).toBe(true);
    expectScimError(await scim.get("/Schemas/urn:nope"), 404);
    expectScimError(await scim.get("/Nothing"), 404);
  });

  it("SCIM-1 an Okta-style client creates a person, finds them by userName and externalId, reads, replaces and pages", async () => {
    const firm = await buildFirm(h);
    const scim = await client(h, firm);
    const email = uniqueEmail("robin");
    expect(await scim.findByUserName(email)).toEqual([]);
    const created = await scim.post("/Users", userResource(email));
    expect(created.status, created.body).toBe(201);
    const user = created.json();
    expect(String(created.headers["content-type"])).toContain("application/scim+json");
    expect(created.headers.location).toBe(user.meta.location);
    expect(created.headers.etag).toBe(user.meta.version);
    expect(user).toMatchObject({
      schemas: [USER, ENTERPRISE],
      userName: email,
      externalId: `ext-${email}`,
      name: { givenName: "Robin", familyName: "Reyes" },
      active: true,
      title: "Associate",
      emails: [{ value: email, primary: true }],
      phoneNumbers: [{ value: "+1 312 555 0101", primary: true }],
      addresses: [{ streetAddress: "1 Main St", locality: "Chicago", region: "IL", postalCode: "60601", country: "US" }],
      [ENTERPRISE]: { employeeNumber: "E-42" },
      meta: { resourceType: "User", version: expect.stringMatching(/^W\/"\d+"$/) },
    });
    expect(user.meta.location).toMatch(new RegExp(`/scim/v2/Users/${user.id}$`));
    // The console sees the same person, with the profile fields mapped.
    const inConsole = (await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json();
    expect(inConsole).toMatchObject({ email, first_name: "Robin", last_name: "Reyes", status: "invited", phone: "+1 312 555 0101", city: "Chicago", state: "IL", zip: "60601", country: "US", address: "1 Main St" });

    // userName is compared without regard to case; externalId exactly.
    expect((await scim.findByUserName(email.toUpperCase())).map((u) => u.id)).toEqual([user.id]);
    const byExternal = (await scim.get(`/Users?filter=${encodeURIComponent(`externalId eq "ext-${email}"`)}`)).json();
    expect(byExternal).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id: user.id }] });
    expect((await scim.get(`/Users?filter=${encodeURIComponent('externalId eq "nobody"')}`)).json().totalResults).toBe(0);
    const paged = (await scim.get("/Users?startIndex=2&count=1")).json();
    expect(paged).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1 });
    expect((await scim.get(`/Users/${user.id}`)).json()).toEqual(user);

    // PUT: the whole resource; a stale If-Match is refused and changes nothing.
    const stale = await scim.put(`/Users/${user.id}`, userResource(email, { name: { givenName: "Rob", familyName: "Reyes" } }), { "if-match": 'W/"999"' });
    expectScimError(stale, 412);
    expect((await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json().first_name).toBe("Robin");
    const put = await scim.put(`/Users/${user.id}`, userResource(email, { name: { givenName: "Rob", familyName: "Reyes" }, title: "Partner", phoneNumbers: [] }), { "if-match": user.meta.version });
    expect(put.status, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: { givenName: "Rob" }, title: "Partner" });
    expect(put.json().phoneNumbers).toBeUndefined();
    expect(put.json().meta.version).not.toBe(user.meta.version);
    expect((await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json()).toMatchObject({ first_name: "Rob", phone: null });
  });

  it("SCIM-1 Entra's PATCH shapes: path-less value objects, filtered paths such as emails[type eq \"work\"].value, the enterprise extension", async () => {
    const firm = await buildFirm(h);
    const scim = await client(h, firm);
    const person = await buildUser(h, firm, ["attorney"], { firstName: "Dana", lastName: "Diaz" });
    const res = await scim.patch(`/Users/${person.id}`, [
      { op: "Replace", value: { "name.givenName": "Danielle", title: "Counsel", [`${ENTERPRISE}:employeeNumber`]: "77" } },
      { op: "Add", path: "externalId", value: "entra-1" },
      { op: "add", path: "phoneNumbers", value: [{ type: "work", value: "+44 20 7946 0000", primary: true }] },
    ]);
    expect(res.status, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: { givenName: "Danielle", familyName: "Diaz" }, title: "Counsel", externalId: "entra-1", [ENTERPRISE]: { employeeNumber: "77" } });
    expect((await h.get(`/api/v1/users/${person.id}`, firm.owner.token)).json()).toMatchObject({ first_name: "Danielle", phone: "+44 20 7946 0000" });
    // A new work email is a change of login email: confirmed by the new address (EML-1), as in the console.
    const newEmail = uniqueEmail("danielle");
    const mail = await scim.patch(`/Users/${person.id}`, [{ op: "replace", path: 'emails[type eq "work"].value', value: newEmail }]);
    expect(mail.status, mail.body).toBe(200);
    expect((await h.get(`/api/v1/users/${person.id}`, firm.owner.token)).json().pending_email_change).toMatchObject({ new_email: newEmail });
    // Removing an attribute clears it.
    const removed = await scim.patch(`/Users/${person.id}`, [{ op: "remove", path: "title" }]);
    expect(removed.json().title).toBeUndefined();
  });

  it("SCIM-1 groups as Okta and Entra manage them: create, find by displayName, add and remove members, rename, DELETE archives", async () => {
    const firm = await buildFirm(h);
    const scim = await client(h, firm);
    const a = await buildUser(h, firm, ["attorney"]);
    const b = await buildUser(h, firm, ["paralegal"]);
    const c = await buildUser(h, firm, ["attorney"]);
    const created = await scim.post("/Groups", { schemas: [GROUP], displayName: "Litigation", externalId: "okta-g1", members: [{ value: a.id }] });
    expect(created.status, created.body).toBe(201);
    const g = created.json();
    expect(g).toMatchObject({ displayName: "Litigation", externalId: "okta-g1", members: [{ value: a.id, type: "User" }], meta: { resourceType: "Group" } });
    expect(created.headers.etag).toBe(g.meta.version);
    expect((await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "litigation"')}`)).json().Resources.map((r: { id: string }) => r.id)).toEqual([g.id]);
    expect((await scim.get(`/Groups?filter=${encodeURIComponent('externalId eq "okta-g1"')}&excludedAttributes=members`)).json().Resources[0].members).toBeUndefined();

    // Okta: add with a value array; Entra: remove with a filtered path.
    expect((await scim.patch(`/Groups/${g.id}`, [{ op: "add", path: "members", value: [{ value: b.id }, { value: c.id }] }])).status).toBe(200);
    const afterRemove = await scim.patch(`/Groups/${g.id}`, [{ op: "remove", path: `members[value eq "${a.id}"]` }]);
    expect(afterRemove.json().members.map((m: { value: string }) => m.value).sort()).toEqual([b.id, c.id].sort());
    const afterValueRemove = await scim.patch(`/Groups/${g.id}`, [{ op: "remove", path: "members", value: [{ value: b.id }] }, { op: "replace", value: { id: g.id, displayName: "Trial team" } }]);
    expect(afterValueRemove.json()).toMatchObject({ displayName: "Trial team", members: [{ value: c.id }] });
    const inConsole = (await h.get(`/api/v1/groups/${g.id}`, firm.owner.token)).json();
    expect(inConsole).toMatchObject({ name: "Trial team", member_ids: [c.id] });
    // PUT replaces the member list.
    const put = await scim.put(`/Groups/${g.id}`, { schemas: [GROUP], displayName: "Trial team", members: [{ value: a.id }] });
    expect(put.json().members.map((m: { value: string }) => m.value)).toEqual([a.id]);
    // The feed shows the same group changes as the console's, made by the token.
    const updates = await feed(h, firm, "group.updated");
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates[0].actor.name).toBe('SCIM token "Okta"');

    expect((await scim.delete(`/Groups/${g.id}`)).status).toBe(204);
    expect((await h.get(`/api/v1/groups/${g.id}`, firm.owner.token)).json()).toMatchObject({ archived: true, member_ids: [a.id] });
    expectScimError(await scim.get(`/Groups/${g.id}`), 404);
    expect((await scim.get("/Groups")).json().totalResults).toBe(0);
  });

  it("SCIM-1 bad input gets SCIM's error and changes nothing: malformed JSON and filters, unknown attributes, wrong schemas, read-only attributes", async () => {
    const firm = await buildFirm(h);
    const scim = await client(h, firm);
    const person = await buildUser(h, firm, ["attorney"], { firstName: "Kim", lastName: "Kay" });
    const before = await userCount(h, firm);
    const version = (await scim.get(`/Users/${person.id}`)).json().meta.version;

    expectScimError(await scim.send("POST", "/Users", '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": '), 400, "invalidSyntax");
    expectScimError(await scim.send("POST", "/Users", "[1,2]"), 400, "invalidSyntax");
    for (const filter of ['userName eq', '(userName eq "x"', 'userName zz "x"', '"x"', 'userName eq "a" and']) {
      expectScimError(await scim.get(`/Users?filter=${encodeURIComponent(filter)}`), 400, "invalidFilter");
    }
    expectScimError(await scim.get("/Users?startIndex=abc"), 400, "invalidValue");
    expectScimError(await scim.post("/Users", { ...userResource(uniqueEmail()), favouriteColour: "teal" }), 400, "invalidValue");
    expectScimError(await scim.post("/Users", { ...userResource(uniqueEmail()), schemas: [GROUP] }), 400, "invalidSyntax");
    expectScimError(await scim.post("/Users", { ...userResource(uniqueEmail()), schemas: [USER, "urn:example:mine"] }), 400, "invalidSyntax");
    expectScimError(await scim.post("/Users", { ...userResource(uniqueEmail()), userName: 42 }), 400, "invalidValue");
    expectScimError(await scim.post("/Users", { ...userResource("not-an-email"), emails: [] }), 400, "invalidValue");
    expectScimError(await scim.post("/Users", { ...userResource(uniqueEmail()), name: { givenName: "x".repeat(500) } }), 400, "invalidValue");
    expectScimError(await scim.post("/Users", { schemas: [USER] }), 400, "invalidValue");
    expectScimError(await scim.post("/Groups", { schemas: [GROUP], displayName: "" }), 400, "invalidValue");
    expectScimError(await scim.send("POST", "/Users", userResource(uniqueEmail()), { "content-type": "text/plain" }), 415);

    expectScimError(await scim.patch(`/Users/${person.id}`, [{ op: "replace", path: "id", value: "mine" }]), 400, "mutability");
    expectScimError(await scim.patch(`/Users/${person.id}`, [{ op: "replace", path: "meta.version", value: 'W/"1"' }]), 400, "mutability");
    expectScimError(await scim.patch(`/Users/${person.id}`, [{ op: "replace", path: "shoeSize", value: 9 }]), 400, "invalidPath");
    expectScimError(await scim.patch(`/Users/${person.id}`, [{ op: "move", path: "active", value: false }]), 400, "invalidSyntax");
    expectScimError(await scim.patch(`/Users/${person.id}`, [{ op: "replace", path: "active", value: "maybe" }]), 400, "invalidValue");
    expectScimError(await scim.send("PATCH", `/Users/${person.id}`, { Operations: [{ op: "replace", path: "active", value: false }] }), 400, "invalidSyntax");
    expectScimError(await scim.send("PATCH", `/Users/${person.id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [] }), 400, "invalidSyntax");

    // Nothing changed: no new user, the same version, still active.
    expect(await userCount(h, firm)).toBe(before);
    const after = (await scim.get(`/Users/${person.id}`)).json();
    expect(after).toMatchObject({ active: true, name: { givenName: "Kim" }, meta: { version } });
  });

  it("SCIM-2 creating a person invites them with a license and the default role; with no free license a SCIM 409, nothing bought, the administrators told", async () => {
    const firm = await buildFirm(h, { licenses: 3 });
    const admin = await buildUser(h, firm, ["administrator"]);
    const scim = await client(h, firm);
    const created = (await scim.post("/Users", userResource(uniqueEmail("first")))).json();
    const inConsole = (await h.get(`/api/v1/users/${created.id}`, firm.owner.token)).json();
    expect(inConsole.status).toBe("invited");
    expect(inConsole.roles.map((r: { name: string }) => r.name)).toEqual(["Attorney"]);
    const licenses = (await h.get("/api/v1/licenses", firm.owner.token)).json();
    expect(licenses).toMatchObject({ total: 3, occupied: 3, available: 0 });
    const invited = (await feed(h, firm, "user.invited"))[0];
    expect(invited).toMatchObject({ actor: { name: 'SCIM token "Okta"' }, subject_id: created.id });

    const refused = await scim.post("/Users", userResource(uniqueEmail("second")));
    expectScimError(refused, 409);
    expect(refused.json().detail).toMatch(/license/i);
    expect((await h.get("/api/v1/licenses", firm.owner.token)).json()).toMatchObject({ total: 3, occupied: 3 });
    expect((await h.get("/api/v1/charges", firm.owner.token)).json().data.filter((c: { kind: string }) => c.kind === "licenses")).toEqual([]);
    for (const token of [firm.owner.token, admin.token]) {
      expect((await notes(h, token)).find((n) => n.kind === "scim.license_needed")).toMatchObject({ title: "Provisioning needs a free license" });
    }
  });

  it("SCIM-2 Entra's PATCH active \"False\" deactivates as DEA does, work left in place and administrators told; \"True\" reactivates; DELETE deactivates and deletes nothing", async () => {
    const firm = await buildFirm(h, { licenses: 5 });
    const scim = await client(h, firm);
    const leaver = await buildUser(h, firm, ["attorney"], { firstName: "Lee", lastName: "Leaver" });
    const matter = await h.post("/api/v1/matters", { number: "M-1", description: "Kept", responsible_attorney_id: leaver.id, originating_attorney_id: leaver.id }, firm.owner.token);
    expect(matter.statusCode, matter.body).toBe(201);

    const off = await scim.patch(`/Users/${leaver.id}`, [{ op: "Replace", path: "active", value: "False" }]);
    expect(off.status, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await h.get(`/api/v1/users/${leaver.id}`, firm.owner.token)).json().status).toBe("deactivated");
    expect((await h.get("/api/v1/me", leaver.token)).statusCode).toBe(401);
    expect((await h.get(`/api/v1/matters/${matter.json().id}`, firm.owner.token)).json().responsible_attorney.id).toBe(leaver.id);
    const entry = (await feed(h, firm, "user.deactivated"))[0];
    expect(entry).toMatchObject({ actor: { name: 'SCIM token "Okta"' }, subject_id: leaver.id });
    expect(entry.changes.work_left_in_place).toEqual({ before: null, after: true });
    const told = (await notes(h, firm.owner.token)).find((n) => n.kind === "user.work_left");
    expect(told?.title).toContain("Lee Leaver");
    expect(told?.body).toContain("1 matters");
    expect((await h.get("/api/v1/licenses", firm.owner.token)).json().occupied).toBe(1);

    // Entra's path-less shape, with the string "True".
    const on = await scim.patch(`/Users/${leaver.id}`, [{ op: "replace", value: { active: "True" } }]);
    expect(on.status, on.body).toBe(200);
    expect((await h.get(`/api/v1/users/${leaver.id}`, firm.owner.token)).json().status).toBe("active");
    expect(await feed(h, firm, "user.reactivated")).toHaveLength(1);

    expect((await scim.delete(`/Users/${leaver.id}`)).status).toBe(204);
    const gone = (await scim.get(`/Users/${leaver.id}`)).json();
    expect(gone).toMatchObject({ id: leaver.id, active: false });
    expect((await h.db.select().from(users).where(and(eq(users.firmId, firm.id), eq(users.id, leaver.id))))[0]!.status).toBe("deactivated");
    expect((await scim.delete(`/Users/${leaver.id}`)).status).toBe(204);
    expect(await feed(h, firm, "user.deactivated")).toHaveLength(2);
  });

  it("SCIM-2 administrators choose the role provisioned people get (the Attorney role until then)", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.get("/api/v1/scim-settings", firm.owner.token)).json()).toMatchObject({ default_role_name: "Attorney" });
    expect((await h.request({ method: "PUT", url: "/api/v1/scim-settings", payload: { default_role_id: "nope" }, token: firm.owner.token })).statusCode).toBe(400);
    expect((await h.request({ method: "PUT", url: "/api/v1/scim-settings", payload: { default_role_id: await roleId(h, firm, "Paralegal") }, token: attorney.token })).statusCode).toBe(403);
    const other = await buildFirm(h);
    expect((await h.request({ method: "PUT", url: "/api/v1/scim-settings", payload: { default_role_id: await roleId(h, other, "Paralegal") }, token: firm.owner.token })).statusCode).toBe(400);
    const put = await h.request({ method: "PUT", url: "/api/v1/scim-settings", payload: { default_role_id: await roleId(h, firm, "Paralegal") }, token: firm.owner.token });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ default_role_name: "Paralegal" });
    expect((await feed(h, firm, "scim_settings.updated"))[0].changes.default_role).toEqual({ before: "Attorney", after: "Paralegal" });
    const scim = await client(h, firm);
    const created = (await scim.post("/Users", userResource(uniqueEmail()))).json();
    const inConsole = (await h.get(`/api/v1/users/${created.id}`, firm.owner.token)).json();
    expect(inConsole).toMatchObject({ subscription_type: "non_attorney", roles: [{ name: "Paralegal" }] });
  });

  it("SCIM-3 the console's rules hold: duplicate userName 409 uniqueness, deactivated people stay out of groups, the primary subscriber is untouchable, a closed firm refuses changes", async () => {
    const firm = await buildFirm(h);
    const scim = await client(h, firm);
    const taken = await buildUser(h, firm, ["attorney"]);
    expectScimError(await scim.post("/Users", userResource(taken.email.toUpperCase())), 409, "uniqueness");
    const elsewhere = await buildFirm(h);
    // USR-2: a login email is unique across firms too.
    expectScimError(await scim.post("/Users", userResource(elsewhere.owner.email)), 409, "uniqueness");

    const gone = await buildUser(h, firm, ["attorney"]);
    await scim.delete(`/Users/${gone.id}`);
    const g = (await scim.post("/Groups", { schemas: [GROUP], displayName: "Tax" })).json();
    const refused = await scim.patch(`/Groups/${g.id}`, [{ op: "add", path: "members", value: [{ value: gone.id }] }]);
    expectScimError(refused, 400, "invalidValue");
    expect(refused.json().detail).toMatch(/Deactivated/);
    expectScimError(await scim.post("/Groups", { schemas: [GROUP], displayName: "tax" }), 409, "uniqueness");

    expectScimError(await scim.patch(`/Users/${firm.owner.id}`, [{ op: "replace", path: "active", value: false }]), 403);
    expect((await h.get(`/api/v1/users/${firm.owner.id}`, firm.owner.token)).json().status).toBe("active");
  });

  it("SCIM-3 a token reaches its own firm only; a revoked, unknown or missing token gets a SCIM 401", async () => {
    const firm = await buildFirm(h);
    const other = await buildFirm(h);
    const scim = await client(h, firm);
    const theirs = await buildUser(h, other, ["attorney"]);
    const theirGroup = (await h.post("/api/v1/groups", { name: "Theirs", member_ids: [theirs.id] }, other.owner.token)).json();
    expectScimError(await scim.get(`/Users/${theirs.id}`), 404);
    expectScimError(await scim.patch(`/Users/${theirs.id}`, [{ op: "replace", path: "active", value: false }]), 404);
    expectScimError(await scim.delete(`/Users/${theirs.id}`), 404);
    expectScimError(await scim.put(`/Groups/${theirGroup.id}`, { schemas: [GROUP], displayName: "Mine now" }), 404);
    expect((await scim.findByUserName(theirs.email))).toEqual([]);
    const mine = (await scim.post("/Groups", { schemas: [GROUP], displayName: "Mine" })).json();
    expectScimError(await scim.patch(`/Groups/${mine.id}`, [{ op: "add", path: "members", value: [{ value: theirs.id }] }]), 400, "invalidValue");
    expect((await h.get(`/api/v1/users/${theirs.id}`, other.owner.token)).json().status).toBe("active");
    expect((await h.get(`/api/v1/groups/${theirGroup.id}`, other.owner.token)).json().name).toBe("Theirs");

    expectScimError(await new ScimClient(h, "chscim_made-up").get("/Users"), 401);
    expectScimError(await h.app.inject({ method: "GET", url: "/scim/v2/Users" }).then((r) => ({ status: r.statusCode, headers: r.headers, json: () => r.json() })), 401);
    // A session or API token is not a SCIM token.
    expectScimError(await new ScimClient(h, firm.owner.token).get("/Users"), 401);
  });
});
