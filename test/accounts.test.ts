import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, PASSWORD, uniqueEmail } from "./helpers/factories.js";

describeDb("accounts", (h) => {
  it("ACC-1 sign-up creates the firm and its primary subscriber holding the Administrator role", async () => {
    const firm = await buildFirm(h, { firm_name: "Baker & Lane LLP" });
    const me = (await h.get("/api/v1/me", firm.owner.token)).json();
    expect(me.firm.name).toBe("Baker & Lane LLP");
    expect(me.is_primary_subscriber).toBe(true);
    expect(me.roles.map((r: { name: string }) => r.name)).toEqual(["Administrator"]);
    expect(me.permissions).toContain("firm.settings");
    expect(me.firm.primary_subscriber_id).toBe(me.id);
  });
});
