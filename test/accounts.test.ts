import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, firms, outbox, roles, users } from "../src/db/schema.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, PASSWORD, uniqueEmail } from "./helpers/factories.js";

const signupBody = (email: string) => ({
  firm_name: "Reyes Legal",
  first_name: "Marta",
  last_name: "Reyes",
  email,
  password: PASSWORD,
  plan: "annual",
  licenses: 5,
});

describeDb("accounts", (h) => {
  it("ACC-1 sign-up creates the firm and its primary subscriber holding the Administrator role", async () => {
    const firm = await buildFirm(h, { firm_name: "Baker & Lane LLP" });
    const me = (await h.get("/api/v1/me", firm.owner.token)).json();
    expect(me.firm.name).toBe("Baker & Lane LLP");
    expect(me.is_primary_subscriber).toBe(true);
    expect(me.status).toBe("active");
    expect(me.roles.map((r: { name: string }) => r.name)).toEqual(["Administrator"]);
    expect(me.permissions).toContain("firm.settings");
    expect(me.firm.primary_subscriber_id).toBe(me.id);
  });

  it("ACC-1 sign-up sets up the subscription with the chosen plan, licenses and price", async () => {
    const res = await h.post("/api/v1/signup", { ...signupBody(uniqueEmail()), price_cents: 4500 });
    expect(res.statusCode).toBe(201);
    const { firm } = res.json();
    expect(firm.subscription).toMatchObject({ plan: "annual", price_cents: 4500, total_licenses: 5, pending_removal: 0 });
    const start = new Date(firm.subscription.period_start);
    const end = new Date(firm.subscription.period_end);
    expect(end.getUTCFullYear() - start.getUTCFullYear()).toBe(1);
    expect(start.toISOString()).toBe(h.clock.now().toISOString());
  });

  it("ACC-1 sign-up welcomes the owner by email through the outbox", async () => {
    const email = uniqueEmail("welcome");
    const res = await h.post("/api/v1/signup", signupBody(email));
    const firmId = res.json().firm.id as string;
    const mail = await h.db.select().from(outbox).where(eq(outbox.firmId, firmId));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.payload.to).toBe(email);
    expect(mail[0]!.payload.subject).toContain("Reyes Legal");
    expect(mail[0]!.payload.text).toContain("/settings/users");
    expect(mail[0]!.status).toBe("pending");
  });

  it("ACC-2 a firm has exactly one primary subscriber, who is its first user", async () => {
    const firm = await buildFirm(h);
    const [row] = await h.db.select().from(firms).where(eq(firms.id, firm.id));
    expect(row!.primarySubscriberId).toBe(firm.owner.id);
    const list = (await h.get("/api/v1/users?status=all", firm.owner.token)).json();
    expect(list.data.filter((u: { is_primary_subscriber: boolean }) => u.is_primary_subscriber)).toHaveLength(1);
  });

  it("USR-2 a login email already in use in any firm, in another case or with spaces, is refused and nothing is created", async () => {
    const first = await buildFirm(h);
    const marker = `Refused ${randomUUID()}`;
    for (const variant of [first.owner.email, first.owner.email.toUpperCase(), `  ${first.owner.email}  `]) {
      const res = await h.post("/api/v1/signup", { ...signupBody(variant), firm_name: marker });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: "email_in_use", errors: [{ path: "email" }] });
    }
    expect(await h.db.select().from(firms).where(eq(firms.name, marker))).toHaveLength(0);
  });

  it("USR-2 two sign-ups racing for one email: exactly one wins", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all([0, 1, 2, 3].map(() => h.post("/api/v1/signup", signupBody(email))));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409]);
    const rows = await h.db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
    expect(rows).toHaveLength(1);
  });

  it("USR-2 the email is stored trimmed and signs in whatever its case", async () => {
    const email = uniqueEmail("Trim");
    await h.post("/api/v1/signup", signupBody(`  ${email} `));
    const res = await h.post("/api/v1/sessions", { email: email.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.email).toBe(email);
  });

  it("ROL-1 every new firm gets the five built-in roles with their permission sets", async () => {
    const firm = await buildFirm(h);
    const rows = await h.db.select().from(roles).where(eq(roles.firmId, firm.id));
    const byKey = Object.fromEntries(rows.map((r) => [r.systemKey, r]));
    expect(Object.keys(byKey).sort()).toEqual(["administrator", "attorney", "billing", "paralegal", "read_only"]);
    expect(byKey.administrator!.permissions).toHaveLength(15);
    expect(byKey.attorney!.permissions.sort()).toEqual(
      ["matters.create", "matters.edit", "matters.access", "contacts.edit", "tasks.manage_all", "calendar.manage_all", "reports.view"].sort(),
    );
    expect(byKey.paralegal!.permissions.sort()).toEqual(["calendar.manage_all", "contacts.edit", "matters.edit", "tasks.manage_all"]);
    expect(byKey.billing!.permissions.sort()).toEqual(["billing.view", "contacts.edit", "rates.manage", "reports.view"]);
    expect(byKey.read_only!.permissions).toEqual([]);
    expect(rows.map((r) => r.name).sort()).toEqual(["Administrator", "Attorney", "Billing", "Paralegal", "Read only"]);
  });

  it("FEED-1 sign-up records the firm and its first user in the feed, in the same transaction", async () => {
    const firm = await buildFirm(h);
    const feed = (await h.get("/api/v1/activities", firm.owner.token)).json();
    const kinds = feed.data.map((a: { kind: string }) => a.kind);
    expect(kinds).toEqual(["user.created", "firm.created"]);
    expect(feed.data[0]).toMatchObject({
      actor: { id: firm.owner.id, name: "Olivia Owner" },
      subject_type: "user",
      subject_id: firm.owner.id,
      is_deletion: false,
      changes: { status: { before: null, after: "active" } },
    });
  });

  it("FEED-1 a refused sign-up leaves no feed entry and no firm behind", async () => {
    const taken = await buildFirm(h);
    const marker = `Refused ${randomUUID()}`;
    const res = await h.post("/api/v1/signup", { ...signupBody(taken.owner.email), firm_name: marker });
    expect(res.statusCode).toBe(409);
    expect(await h.db.select().from(activities).where(eq(activities.subjectLabel, marker))).toHaveLength(0);
    expect(await h.db.select().from(firms).where(eq(firms.name, marker))).toHaveLength(0);
  });
});
