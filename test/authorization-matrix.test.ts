/**
 * The authorization matrix: every route the server registers, as every kind of actor. The
 * routes are read from the server itself, so a new route cannot escape; one without a declared
 * policy fails here (and stops the server at start).
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { RouteAuth, RouteEntry } from "../src/server/plugins/auth.js";
import type { Permission } from "../src/shared/permissions.js";
import { SYSTEM_ROLES } from "../src/shared/permissions.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, PASSWORD, uniqueEmail } from "./helpers/factories.js";

type ActorKind = "primary" | "administrator" | "attorney" | "read_only" | "deactivated" | "other_firm_admin" | "nobody";

/** A body each route accepts, so that what is checked is the policy, not the shape. */
const SAMPLE_BODIES: Record<string, (ids: Record<string, string>) => unknown> = {
  "POST /api/v1/signup": () => ({ firm_name: "Matrix LLP", first_name: "M", last_name: "X", email: uniqueEmail("mx"), password: PASSWORD, plan: "monthly", licenses: 1 }),
  "POST /api/v1/sessions": () => ({ email: uniqueEmail("nobody"), password: "not-the-password" }),
  "POST /api/v1/me/tokens": () => ({ name: "matrix" }),
  "PATCH /api/v1/users/:id": () => ({ city: "Matrixville" }),
  "POST /api/v1/users/:id/deactivate": () => ({}),
  "POST /api/v1/users/:id/reactivate": () => ({}),
  "POST /api/v1/users/bulk/assign-roles": (ids) => ({ user_ids: [randomUUID()], role_ids: [ids.role!] }),
  "POST /api/v1/invitations": (ids) => ({ email: uniqueEmail("mx"), subscription_type: "attorney", role_ids: [ids.role!], confirm_purchase: true }),
  "POST /api/v1/invitations/accept": () => ({ token: "nope", first_name: "A", last_name: "B", password: PASSWORD }),
  "POST /api/v1/licenses/quote": () => ({ count: 1 }),
  "POST /api/v1/licenses": () => ({ count: 1, confirm: true }),
  "POST /api/v1/licenses/removals": () => ({ count: 1 }),
  "PATCH /api/v1/subscription": () => ({ remove_unused_licenses_at_renewal: false }),
  "POST /api/v1/roles": () => ({ name: `Role ${randomUUID().slice(0, 8)}`, permissions: [] }),
  "PATCH /api/v1/roles/:id": () => ({ name: `Role ${randomUUID().slice(0, 8)}` }),
  "POST /api/v1/groups": () => ({ name: `Group ${randomUUID().slice(0, 8)}` }),
  "PATCH /api/v1/groups/:id": () => ({ description: "matrix" }),
  "POST /api/v1/_test/clock": () => ({ advance_seconds: 0 }),
};

const permissionsOf = (roles: string[]): Set<Permission> =>
  new Set(SYSTEM_ROLES.filter((r) => roles.includes(r.key)).flatMap((r) => [...r.permissions]));

/** What the declared policy says this actor gets from the auth layer. */
function expected(auth: RouteAuth, kind: ActorKind, perms: Set<Permission>): "pass" | 401 | 403 {
  if (auth === "public") return "pass";
  if (kind === "nobody" || kind === "deactivated") return 401;
  if (auth === "user") return "pass";
  const needed = typeof auth === "string" ? [auth] : auth;
  return needed.some((p) => perms.has(p)) ? "pass" : 403;
}

const fill = (url: string) => url.replace(/:[a-zA-Z]+/g, () => randomUUID());

describeDb("authorization matrix", (h) => {
  async function actors(h: Harness) {
    const firm = await buildFirm(h, { licenses: 50 });
    const admin = await buildUser(h, firm, ["administrator"]);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const readOnly = await buildUser(h, firm, ["read_only"]);
    const leaver = await buildUser(h, firm, ["administrator"]);
    await h.post(`/api/v1/users/${leaver.id}/deactivate`, {}, firm.owner.token);
    const other = await buildFirm(h);
    const roles = (await h.get("/api/v1/roles", firm.owner.token)).json().data as { id: string; name: string }[];
    const all = permissionsOf(SYSTEM_ROLES.map((r) => r.key));
    const table: { kind: ActorKind; token?: string; perms: Set<Permission> }[] = [
      { kind: "primary", token: firm.owner.token, perms: all },
      { kind: "administrator", token: admin.token, perms: all },
      { kind: "attorney", token: attorney.token, perms: permissionsOf(["attorney"]) },
      { kind: "read_only", token: readOnly.token, perms: new Set() },
      { kind: "deactivated", token: leaver.token, perms: new Set() },
      { kind: "other_firm_admin", token: other.owner.token, perms: all },
      { kind: "nobody", perms: new Set() },
    ];
    return { firm, other, attorney, table, ids: { role: roles.find((r) => r.name === "Attorney")!.id } };
  }

  it("SEC-1 every /api/v1 route declares its policy", () => {
    const api = h.app.routeTable.filter((r) => r.url.startsWith("/api/v1"));
    expect(api.length).toBeGreaterThan(40);
    expect(api.filter((r) => !r.auth)).toEqual([]);
  });

  // Every route as seven kinds of actor: several hundred requests, more than the default 30 s on a busy machine.
  it("SEC-1 every route answers each kind of actor as its policy says, and never with a 5xx", async () => {
    const { table, ids } = await actors(h);
    // Signing out is last: it ends the session the rest use.
    const routes = h.app.routeTable
      .filter((r): r is RouteEntry & { auth: RouteAuth } => r.url.startsWith("/api/v1") && r.auth !== undefined && !r.url.endsWith("/stream"))
      .sort((a, b) => Number(a.url === "/api/v1/sessions/current") - Number(b.url === "/api/v1/sessions/current"));
    const mismatches: string[] = [];
    for (const actor of table) {
      for (const route of routes) {
        const key = `${route.method} ${route.url}`;
        const body = SAMPLE_BODIES[key]?.(ids);
        const res = await h.request({ method: route.method as "GET", url: fill(route.url), token: actor.token, ...(body !== undefined ? { payload: body as object } : route.method === "GET" || route.method === "DELETE" ? {} : { payload: {} }) });
        const want = expected(route.auth, actor.kind, actor.perms);
        // The auth layer answers 401 `unauthenticated` or 403; a 401 `invalid_credentials` is sign-in's own answer.
        const code = res.headers["content-type"]?.toString().includes("json") ? (res.json() as { code?: string }).code : undefined;
        const refused = (res.statusCode === 401 && code === "unauthenticated") || res.statusCode === 403;
        const ok = res.statusCode < 500 && (want === "pass" ? !refused : res.statusCode === want);
        if (!ok) mismatches.push(`${actor.kind} ${key}: got ${res.statusCode}, want ${want} ${res.body.slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("SEC-1 an administrator of another firm gets 404 for every record of this firm, and changes nothing", async () => {
    const { firm, other, attorney } = await actors(h);
    const { res: invited } = await invite(h, firm);
    const invitationId = invited.json().invitation.id as string;
    const role = (await h.post("/api/v1/roles", { name: "Matrix role", permissions: [] }, firm.owner.token)).json();
    const group = (await h.post("/api/v1/groups", { name: "Matrix group" }, firm.owner.token)).json();
    const token = (await h.post("/api/v1/me/tokens", { name: "owned" }, firm.owner.token)).json();
    const session = (await h.get("/api/v1/me/sessions", firm.owner.token)).json().data[0].id as string;
    const calls: [string, string, unknown?][] = [
      ["GET", `/api/v1/users/${attorney.id}`],
      ["PATCH", `/api/v1/users/${attorney.id}`, { city: "Hijacked" }],
      ["POST", `/api/v1/users/${attorney.id}/deactivate`, {}],
      ["POST", `/api/v1/users/${attorney.id}/reactivate`, {}],
      ["DELETE", `/api/v1/users/${attorney.id}/scheduled-deactivation`],
      ["POST", `/api/v1/invitations/${invitationId}/resend`, {}],
      ["DELETE", `/api/v1/invitations/${invitationId}`],
      ["GET", `/api/v1/roles/${role.id}`],
      ["PATCH", `/api/v1/roles/${role.id}`, { name: "Hijacked" }],
      ["DELETE", `/api/v1/roles/${role.id}`],
      ["GET", `/api/v1/groups/${group.id}`],
      ["PATCH", `/api/v1/groups/${group.id}`, { name: "Hijacked" }],
      ["POST", `/api/v1/groups/${group.id}/archive`, {}],
      ["DELETE", `/api/v1/me/tokens/${token.id}`],
      ["DELETE", `/api/v1/me/sessions/${session}`],
    ];
    for (const [method, url, payload] of calls) {
      const res = await h.request({ method: method as "GET", url, token: other.owner.token, ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const bulk = await h.post("/api/v1/users/bulk/assign-roles", { user_ids: [attorney.id], role_ids: [role.id] }, other.owner.token);
    expect(bulk.statusCode).toBe(400);
    const user = (await h.get(`/api/v1/users/${attorney.id}`, firm.owner.token)).json();
    expect(user).toMatchObject({ status: "active", city: null });
    expect((await h.get(`/api/v1/roles/${role.id}`, firm.owner.token)).json().name).toBe("Matrix role");
    expect((await h.get(`/api/v1/groups/${group.id}`, firm.owner.token)).json()).toMatchObject({ name: "Matrix group", archived: false });
    expect((await h.get("/api/v1/me", token.token)).statusCode).toBe(200);
    expect((await h.get("/api/v1/users?status=invited", firm.owner.token)).json().data).toHaveLength(1);
  });
});
