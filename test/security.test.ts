import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { firms, sessions } from "../src/db/schema.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser, PASSWORD, uniqueEmail } from "./helpers/factories.js";

describeDb("security", (h) => {
  it("SEC-1 a user of another firm answers 404, never data", async () => {
    const ours = await buildFirm(h);
    const theirs = await buildFirm(h);
    const colleague = await buildUser(h, theirs, ["attorney"]);
    for (const id of [theirs.owner.id, colleague.id]) {
      const res = await h.get(`/api/v1/users/${id}`, ours.owner.token);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe("not_found");
      expect(res.body).not.toContain(theirs.owner.email);
    }
    const list = (await h.get("/api/v1/users?status=all&limit=200", ours.owner.token)).json();
    expect(list.data.map((u: { id: string }) => u.id)).toEqual([ours.owner.id]);
  });

  it("SEC-1 another firm's sessions, tokens and feed are out of reach", async () => {
    const ours = await buildFirm(h);
    const theirs = await buildFirm(h);
    const token = (await h.post("/api/v1/me/tokens", { name: "theirs" }, theirs.owner.token)).json();
    const theirSession = (await h.get("/api/v1/me/sessions", theirs.owner.token)).json().data[0].id;
    expect((await h.delete(`/api/v1/me/tokens/${token.id}`, ours.owner.token)).statusCode).toBe(404);
    expect((await h.delete(`/api/v1/me/sessions/${theirSession}`, ours.owner.token)).statusCode).toBe(404);
    expect((await h.get("/api/v1/me", token.token)).statusCode).toBe(200);
    const feed = (await h.get(`/api/v1/activities?user_id=${theirs.owner.id}`, ours.owner.token)).json();
    expect(feed.data).toEqual([]);
  });

  it("SEC-5 malformed JSON, wrong types, unknown fields and oversize bodies get 4xx problems and change nothing", async () => {
    const marker = `Bad input ${randomUUID()}`;
    const cases: { payload: string; contentType?: string; status: number; code: string }[] = [
      { payload: "{not json", status: 400, code: "validation_failed" },
      { payload: "", status: 400, code: "validation_failed" },
      { payload: JSON.stringify({ firm_name: 12, first_name: [], last_name: {}, email: true, password: 1, plan: "weekly", licenses: "3" }), status: 400, code: "validation_failed" },
      { payload: JSON.stringify({ firm_name: marker, first_name: "A", last_name: "B", email: uniqueEmail(), password: PASSWORD, plan: "monthly", licenses: 1.5 }), status: 400, code: "validation_failed" },
      { payload: JSON.stringify({ firm_name: marker, first_name: "A", last_name: "B", email: uniqueEmail(), password: PASSWORD, plan: "monthly", licenses: 1, is_admin: true }), status: 400, code: "validation_failed" },
      { payload: JSON.stringify({ firm_name: "x".repeat(2_000_000) }), status: 413, code: "payload_too_large" },
      { payload: JSON.stringify({ firm_name: "F".repeat(201), first_name: "A", last_name: "B", email: uniqueEmail(), password: PASSWORD, plan: "monthly", licenses: 1 }), status: 400, code: "validation_failed" },
      { payload: "firm_name=F", contentType: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type" },
      { payload: JSON.stringify({ firm_name: marker, first_name: "A", last_name: "B", email: uniqueEmail(), password: PASSWORD, plan: "monthly", licenses: 1_000_000_000 }), status: 400, code: "validation_failed" },
    ];
    for (const c of cases) {
      const res = await h.request({ method: "POST", url: "/api/v1/signup", payload: c.payload, headers: { "content-type": c.contentType ?? "application/json" } });
      expect(res.statusCode, c.payload.slice(0, 80)).toBe(c.status);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: c.status, code: c.code });
    }
    expect(await h.db.select().from(firms).where(eq(firms.name, marker))).toHaveLength(0);
  });

  it("SEC-5 every field error is returned at once, each naming its field", async () => {
    const res = await h.post("/api/v1/signup", { firm_name: "", email: "not-an-email", password: "short", plan: "weekly", licenses: 0, extra: 1 });
    const paths = res.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["email", "extra", "firm_name", "first_name", "last_name", "licenses", "password", "plan"]);
    expect(res.json().errors.find((e: { path: string }) => e.path === "first_name").message).toBe("Required.");
  });

  it("SEC-5 unicode names are kept exactly; formula-looking names are stored as text", async () => {
    const firm = await buildFirm(h, { firm_name: "Ōtsuka & Søn — Avocats", first_name: "José", last_name: "=HYPERLINK(\"x\")" });
    const me = (await h.get("/api/v1/me", firm.owner.token)).json();
    expect(me.firm.name).toBe("Ōtsuka & Søn — Avocats");
    expect(me.name).toBe('José =HYPERLINK("x")');
  });

  it("SEC-5 bad query parameters and cursors answer 400 naming the parameter", async () => {
    const firm = await buildFirm(h);
    for (const [url, path] of [
      ["/api/v1/users?limit=0", "limit"],
      ["/api/v1/users?limit=abc", "limit"],
      ["/api/v1/users?limit=201", "limit"],
      ["/api/v1/users?status=gone", "status"],
      ["/api/v1/users?cursor=%%%", "cursor"],
      ["/api/v1/activities?cursor=bm90IGpzb24", "cursor"],
    ] as const) {
      const res = await h.get(url, firm.owner.token);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path), url).toContain(path);
    }
  });

  it("SEC-5 a NUL character anywhere (path, query, body, deep in a plan or a list) answers 400 naming where, never a 500, and changes nothing", async () => {
    const firm = await buildFirm(h);
    const other = await buildUser(h, firm, ["attorney"]);
    const nul = "a\u0000b";
    for (const [method, url, body, path] of [
      ["POST", "/api/v1/reassignments/preview", { from_user_id: nul, tasks_to: firm.owner.id }, "from_user_id"],
      ["POST", "/api/v1/reassignments/preview", { from_user_id: other.id, tasks_to: nul }, "tasks_to"],
      ["GET", "/api/v1/reassignments/%00abc", undefined, "id"],
      ["GET", "/api/v1/reassignments?from_user_id=%00", undefined, "from_user_id"],
      ["POST", "/api/v1/users/bulk", { action: "sign_out_everywhere", user_ids: [other.id, nul] }, "user_ids.1"],
      ["POST", `/api/v1/users/${other.id}/deactivate`, { reassign: { tasks_to: nul } }, "reassign.tasks_to"],
      ["GET", "/api/v1/imports/%00", undefined, "id"],
      ["PATCH", `/api/v1/users/${other.id}`, { first_name: nul }, "first_name"],
    ] as const) {
      const res = await h.request({ method, url, ...(body ? { payload: body } : {}), headers: { authorization: `Bearer ${firm.owner.token}` } });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path), `${method} ${url}`).toEqual([path]);
    }
    const after = (await h.get(`/api/v1/users/${other.id}`, firm.owner.token)).json();
    expect(after).toMatchObject({ status: "active" });
    expect(after.first_name).not.toContain("\u0000");
    expect((await h.get(`/api/v1/me`, other.token)).statusCode).toBe(200);
  });

  it("SEC-5 missing, malformed and forged tokens get 401 and no data", async () => {
    const firm = await buildFirm(h);
    const sessionsBefore = await h.db.select().from(sessions).where(eq(sessions.firmId, firm.id));
    for (const authorization of [undefined, "Bearer", "Basic abc", "Bearer chs_forged", `Bearer ${"x".repeat(5000)}`]) {
      const res = await h.request({ method: "GET", url: "/api/v1/me", headers: authorization ? { authorization } : {} });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().code).toBe("unauthenticated");
    }
    const forgedCookie = await h.request({ method: "POST", url: "/api/v1/me/tokens", payload: { name: "x" }, headers: { cookie: "chambers_session=chs_forged" } });
    expect(forgedCookie.statusCode).toBe(401);
    const withWrongBearer = await h.request({ method: "POST", url: "/api/v1/me/tokens", payload: { name: "x" }, headers: { authorization: `Bearer ${firm.owner.token}x` } });
    expect(withWrongBearer.statusCode).toBe(401);
    expect(await h.db.select().from(sessions).where(eq(sessions.firmId, firm.id))).toHaveLength(sessionsBefore.length);
  });

  it("SEC-5 an unknown API path answers a 404 problem", async () => {
    const res = await h.get("/api/v1/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("not_found");
  });

  it("SEC-7 responses carry CSP, no-sniff, frame denial and a referrer policy", async () => {
    for (const url of ["/api/v1/me", "/healthz", "/"]) {
      const res = await h.get(url);
      expect(res.headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(res.headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    }
  });

  it("SEC-7 5xx answers hide their cause", async () => {
    // A broken database connection is the realistic 5xx: simulate it with a closed runtime of our own.
    const { startRuntime } = await import("../src/runtime.js");
    const { testConfig } = await import("./helpers/harness.js");
    const rt = await startRuntime(testConfig({ ...h.backend, url: h.databaseUrl }), { logger: false });
    const firm = await rt.app.inject({ method: "POST", url: "/api/v1/signup", payload: { firm_name: "Gone", first_name: "A", last_name: "B", email: uniqueEmail(), password: PASSWORD, plan: "monthly", licenses: 1 } });
    const token = firm.json().token as string;
    await rt.deps.database.close();
    const res = await rt.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe("internal_error");
    expect(res.json().detail).not.toMatch(/pglite|postgres|closed|pool|sql/i);
    await rt.app.close();
  });
});
