import { expect, it } from "vitest";
import { describeDb, START, type Harness } from "./helpers/harness.js";
import { buildAdmin, buildFirm, buildUser, PASSWORD, signIn, type BuiltUser } from "./helpers/factories.js";

interface SessionItem {
  id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string | null;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

/** POST /sessions from a given address and browser; returns the session token. */
async function signInFrom(h: Harness, user: BuiltUser, ip: string, agent: string): Promise<string> {
  const res = await h.request({ method: "POST", url: "/api/v1/sessions", payload: { email: user.email, password: PASSWORD }, headers: { "user-agent": agent }, remoteAddress: ip });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

async function sessionsOf(h: Harness, userId: string, token: string): Promise<SessionItem[]> {
  const res = await h.get(`/api/v1/users/${userId}/sessions`, token);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().next_cursor).toBeNull();
  return res.json().data as SessionItem[];
}

describeDb("a user's sessions, as administrators see them", (h) => {
  it("SES-2 an administrator sees another user's live sessions: when, where and last seen", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const user = await buildUser(h, firm, ["attorney"]);
    // An API token is not a session, and is not listed here.
    expect((await h.post("/api/v1/me/tokens", { name: "sync" }, user.token)).statusCode).toBe(201);
    const laptop = await signInFrom(h, user, "192.0.2.10", "Laptop/1.0 (Windows)");
    h.clock.advance(5 * 60_000);
    await signInFrom(h, user, "198.51.100.7", "Phone/2.0 (Android)");
    // The laptop is used again later: last seen moves, signed in does not.
    h.clock.advance(10 * 60_000);
    expect((await h.get("/api/v1/me", laptop)).statusCode).toBe(200);

    const list = await sessionsOf(h, user.id, admin.token);
    expect(list).toHaveLength(3); // the factory's own sign-in, the laptop and the phone
    expect(list.find((s) => s.user_agent === "Laptop/1.0 (Windows)")).toMatchObject({
      ip: "192.0.2.10",
      created_at: START.toISOString(),
      last_seen_at: new Date(START.getTime() + 15 * 60_000).toISOString(),
      current: false,
    });
    expect(list.find((s) => s.user_agent === "Phone/2.0 (Android)")).toMatchObject({
      ip: "198.51.100.7",
      created_at: new Date(START.getTime() + 5 * 60_000).toISOString(),
      last_seen_at: new Date(START.getTime() + 5 * 60_000).toISOString(),
      current: false,
    });
    // Most recently seen first.
    expect(list[0]!.user_agent).toBe("Laptop/1.0 (Windows)");
    // The console is told it may show them.
    expect((await h.get(`/api/v1/users/${user.id}`, admin.token)).json().abilities.view_sessions).toBe(true);
  });

  it("SES-2 after signing a user out everywhere their list is empty and their tokens are refused", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const user = await buildUser(h, firm, ["paralegal"]);
    const second = await signInFrom(h, user, "203.0.113.5", "Tablet/3.0");
    expect(await sessionsOf(h, user.id, admin.token)).toHaveLength(2);

    const out = await h.post(`/api/v1/users/${user.id}/sign-out-everywhere`, {}, admin.token);
    expect(out.statusCode, out.body).toBe(200);
    expect(await sessionsOf(h, user.id, admin.token)).toEqual([]);
    for (const token of [user.token, second]) {
      const res = await h.get("/api/v1/me", token);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("unauthenticated");
    }
    // They stay active and may sign in again; the new session is listed.
    await signInFrom(h, user, "203.0.113.6", "Tablet/3.1");
    expect((await sessionsOf(h, user.id, admin.token)).map((s) => s.user_agent)).toEqual(["Tablet/3.1"]);
  });

  it("SES-2 ended and expired sessions are not listed", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const ended = await signInFrom(h, user, "192.0.2.20", "Ended/1.0");
    const endedId = (await h.get("/api/v1/me/sessions", ended)).json().data.find((s: SessionItem) => s.current).id as string;
    expect((await h.delete(`/api/v1/me/sessions/${endedId}`, user.token)).statusCode).toBe(204);
    h.clock.advance(29 * 86400_000);
    await signInFrom(h, user, "192.0.2.21", "Later/1.0");
    h.clock.advance(2 * 86400_000); // the first two sessions are now past their 30 days
    const admin = await buildAdmin(h, firm);
    expect((await sessionsOf(h, user.id, admin.token)).map((s) => s.user_agent)).toEqual(["Later/1.0"]);
  });

  it("SES-2 a user without the right to manage users gets 403, and the console is told so", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    for (const roles of [["attorney"], ["billing"], ["read_only"]] as const) {
      const colleague = await buildUser(h, firm, [...roles]);
      const res = await h.get(`/api/v1/users/${user.id}/sessions`, colleague.token);
      expect(res.statusCode, roles[0]).toBe(403);
      expect(res.json().code).toBe("forbidden");
      expect((await h.get(`/api/v1/users/${user.id}`, colleague.token)).json().abilities.view_sessions).toBe(false);
    }
    // Not even their own sessions through this route: those are at /me/sessions (SES-1).
    expect((await h.get(`/api/v1/users/${user.id}/sessions`, user.token)).statusCode).toBe(403);
    expect((await h.get("/api/v1/me/sessions", user.token)).json().data).toHaveLength(1);
  });

  it("SES-2 an administrator of another firm gets 404 for this firm's users", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const other = await buildFirm(h);
    for (const id of [user.id, firm.owner.id]) {
      const res = await h.get(`/api/v1/users/${id}/sessions`, other.owner.token);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe("not_found");
    }
    expect((await h.get("/api/v1/users/no-such-user/sessions", firm.owner.token)).statusCode).toBe(404);
  });

  it("SES-2 an administrator cannot see the primary subscriber's sessions; the primary subscriber sees their own", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const res = await h.get(`/api/v1/users/${firm.owner.id}/sessions`, admin.token);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("forbidden");
    expect((await h.get(`/api/v1/users/${firm.owner.id}`, admin.token)).json().abilities.view_sessions).toBe(false);

    await signInFrom(h, { id: firm.owner.id, email: firm.owner.email, token: "" }, "192.0.2.30", "Owner desk/1.0");
    const own = await sessionsOf(h, firm.owner.id, firm.owner.token);
    expect(own).toHaveLength(2);
    expect(own.filter((s) => s.current)).toHaveLength(1);
    expect(own.find((s) => !s.current)).toMatchObject({ ip: "192.0.2.30", user_agent: "Owner desk/1.0" });
    // The primary subscriber, who manages users, sees an administrator's too.
    expect(await sessionsOf(h, admin.id, firm.owner.token)).toHaveLength(1);
  });

  it("SES-2 a deactivated user's list is empty", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const user = await buildUser(h, firm, ["attorney"]);
    await signIn(h, user.email);
    expect(await sessionsOf(h, user.id, admin.token)).toHaveLength(2);
    const res = await h.post(`/api/v1/users/${user.id}/deactivate`, {}, admin.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(await sessionsOf(h, user.id, admin.token)).toEqual([]);
    expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(401);
  });
});
