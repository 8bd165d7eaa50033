/** CON-2, ACC-3: GET /me tells the console what the person may do firm-wide. */
import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildAdmin, buildFirm, buildUser } from "./helpers/factories.js";

describeDb("firm-level abilities", (h) => {
  it("CON-2 GET /me carries the person's firm-wide abilities, from their roles, and each one matches what the server allows", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const billing = await buildUser(h, firm, ["billing"]);
    const FIRM_WIDE = ["invite_users", "manage_users", "view_licenses", "manage_licenses", "view_billing", "manage_roles", "manage_groups", "view_feed", "manage_firm", "transfer_ownership"];
    // GET /me's abilities hold the record's own (edit, change_roles ...) and the firm-wide ones.
    const abilities = async (token: string) => {
      const all = (await h.get("/api/v1/me", token)).json().abilities as Record<string, boolean>;
      return Object.fromEntries(FIRM_WIDE.map((k) => [k, all[k]]));
    };

    const owner = await abilities(firm.owner.token);
    expect(Object.values(owner).every(Boolean)).toBe(true);
    expect(await abilities(admin.token)).toMatchObject({ manage_firm: true, invite_users: true, manage_roles: true, view_feed: true, transfer_ownership: false });
    const none = await abilities(attorney.token);
    expect(Object.values(none).some(Boolean)).toBe(false);
    expect(await abilities(billing.token)).toMatchObject({ view_billing: true, view_licenses: true, manage_licenses: false, invite_users: false, view_feed: false });

    // What the abilities say is what the API does.
    expect((await h.get("/api/v1/activities", attorney.token)).statusCode).toBe(403);
    expect((await h.get("/api/v1/activities", admin.token)).statusCode).toBe(200);
    expect((await h.get("/api/v1/charges", billing.token)).statusCode).toBe(200);
    expect((await h.get("/api/v1/licenses", billing.token)).statusCode).toBe(200);
    expect((await h.post("/api/v1/roles", { name: "Nope", permissions: [] }, attorney.token)).statusCode).toBe(403);
  });

  it("CON-1 GET /me says who may open matters, add contacts, set access and rates, assign tasks to anyone and read past reassignments, as the API allows", async () => {
    const firm = await buildFirm(h);
    const paralegal = await buildUser(h, firm, ["paralegal"]);
    const billing = await buildUser(h, firm, ["billing"]);
    const PRACTICE = ["create_matters", "set_matter_access", "set_custom_rates", "create_contacts", "assign_tasks_to_anyone", "view_reassignments"];
    const abilities = async (token: string) => {
      const all = (await h.get("/api/v1/me", token)).json().abilities as Record<string, boolean>;
      return Object.fromEntries(PRACTICE.map((k) => [k, all[k]]));
    };
    expect(Object.values(await abilities(firm.owner.token)).every(Boolean)).toBe(true);
    expect(await abilities(paralegal.token)).toEqual({
      create_matters: false, set_matter_access: false, set_custom_rates: false, create_contacts: true, assign_tasks_to_anyone: true, view_reassignments: false,
    });
    expect(await abilities(billing.token)).toMatchObject({ create_matters: false, set_custom_rates: true, create_contacts: true, assign_tasks_to_anyone: false });

    // What the abilities say is what the API does.
    const me = (await h.get("/api/v1/me", paralegal.token)).json() as { id: string };
    const matter = { number: "A-1", description: "A matter", responsible_attorney_id: me.id, originating_attorney_id: me.id };
    expect((await h.post("/api/v1/matters", matter, paralegal.token)).statusCode).toBe(403);
    expect((await h.post("/api/v1/contacts", { name: "Harbour Ltd" }, paralegal.token)).statusCode).toBe(201);
    expect((await h.get("/api/v1/reassignments", paralegal.token)).statusCode).toBe(403);
    expect((await h.get("/api/v1/reassignments", firm.owner.token)).statusCode).toBe(200);
  });
});
