/** Direct API calls for arranging e2e tests (what the console is not under test for). */
import { expect, type APIRequestContext } from "@playwright/test";
import { newInvitee } from "./helpers.js";
import { waitForInvitationLink } from "./mail.js";

/** A bearer-token client for one firm's administrator; no cookie, so no CSRF token needed. */
export class AdminApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  private get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async roleId(name: string): Promise<string> {
    const response = await this.request.get("/api/v1/roles", { headers: this.headers });
    expect(response.status()).toBe(200);
    const { data } = (await response.json()) as { data: { id: string; name: string }[] };
    const role = data.find((r) => r.name === name);
    if (!role) throw new Error(`No role named ${name}`);
    return role.id;
  }

  async createGroup(name: string, extra: { description?: string; member_ids?: string[]; exclude_from_custom_rates?: boolean } = {}): Promise<string> {
    const response = await this.request.post("/api/v1/groups", { headers: this.headers, data: { name, ...extra } });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  /** Invites each person in turn (one license each); returns their user ids in the same order. */
  async inviteMany(people: { email: string; first_name?: string; last_name?: string }[], role = "Attorney"): Promise<string[]> {
    const roleIds = [await this.roleId(role)];
    const ids: string[] = [];
    for (const person of people) {
      const response = await this.request.post("/api/v1/invitations", {
        headers: this.headers,
        data: { subscription_type: "attorney", role_ids: roleIds, ...person },
      });
      expect(response.status(), await response.text()).toBe(201);
      ids.push(((await response.json()) as { user: { id: string } }).user.id);
    }
    return ids;
  }

  /** A user and the ETag a PATCH must send back. */
  async user(id: string): Promise<{ etag: string; user: { id: string; roles: { id: string; name: string }[]; city: string | null } }> {
    const response = await this.request.get(`/api/v1/users/${id}`, { headers: this.headers });
    expect(response.status(), await response.text()).toBe(200);
    return { etag: response.headers().etag!, user: await response.json() };
  }

  async patchUser(id: string, body: Record<string, unknown>, etag?: string): Promise<void> {
    const response = await this.request.patch(`/api/v1/users/${id}`, {
      headers: { ...this.headers, ...(etag ? { "If-Match": etag } : {}) },
      data: body,
    });
    expect(response.status(), await response.text()).toBe(200);
  }

  async assignRoles(userIds: string[], roleIds: string[]): Promise<void> {
    const response = await this.request.post("/api/v1/users/bulk/assign-roles", { headers: this.headers, data: { user_ids: userIds, role_ids: roleIds } });
    expect(response.status(), await response.text()).toBe(200);
  }

  async role(name: string): Promise<{ id: string; permissions: string[]; holders: number } | undefined> {
    const response = await this.request.get("/api/v1/roles", { headers: this.headers });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: { id: string; name: string; permissions: string[]; holders: number }[] }).data.find((r) => r.name === name);
  }

  async groups(archived = false): Promise<{ name: string; member_ids: string[]; exclude_from_custom_rates: boolean }[]> {
    const response = await this.request.get(`/api/v1/groups${archived ? "?archived=true" : ""}`, { headers: this.headers });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: { name: string; member_ids: string[]; exclude_from_custom_rates: boolean }[] }).data;
  }

  /** The invited users, as the API lists them. */
  async invited(): Promise<{ email: string; groups: { name: string }[] }[]> {
    const response = await this.request.get("/api/v1/users?status=invited", { headers: this.headers });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: { email: string; groups: { name: string }[] }[] }).data;
  }

  /** The invitation's id, and the invited user's. */
  async invite(body: { email: string; first_name?: string; last_name?: string; role?: string }): Promise<{ id: string; user_id: string }> {
    const { role = "Attorney", ...rest } = body;
    const response = await this.request.post("/api/v1/invitations", {
      headers: this.headers,
      data: { subscription_type: "attorney", role_ids: [await this.roleId(role)], ...rest },
    });
    expect(response.status(), await response.text()).toBe(201);
    const created = (await response.json()) as { invitation: { id: string }; user: { id: string } };
    return { id: created.invitation.id, user_id: created.user.id };
  }
}

export interface LicensesView {
  plan: string;
  price_cents: number;
  currency: string;
  total: number;
  available: number;
  next_bill_estimate_cents: number;
}

export class LicenseApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  async get(): Promise<LicensesView> {
    const response = await this.request.get("/api/v1/licenses", { headers: { Authorization: `Bearer ${this.token}` } });
    expect(response.status()).toBe(200);
    return (await response.json()) as LicensesView;
  }

  async buy(count: number): Promise<{ amount_cents: number }> {
    const response = await this.request.post("/api/v1/licenses", {
      headers: { Authorization: `Bearer ${this.token}` },
      data: { count, confirm: true },
    });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { charge: { amount_cents: number } }).charge;
  }
}

/** Cents as the console shows them (the e2e browser runs in en-US). */
export const money = (cents: number, currency = "USD") =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);

/** Moves the e2e server's test clock forward (CHAMBERS_TEST_CLOCK=1) and runs what fell due. */
export async function advanceClock(request: APIRequestContext, seconds: number): Promise<void> {
  const response = await request.post("/api/v1/_test/clock", { data: { advance_seconds: seconds } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Accepts an invitation through its mailed link, as the invitee would; returns their session token. */
export async function acceptInvitation(
  request: APIRequestContext,
  link: string,
  person: { first_name: string; last_name: string; password: string },
): Promise<string> {
  const token = new URL(link).searchParams.get("token");
  const response = await request.post("/api/v1/invitations/accept", { data: { token, ...person } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** A person joining the firm: invited by an administrator, then accepting the mailed link. */
export interface Joiner {
  first_name: string;
  last_name: string;
  role?: string;
}

/**
 * Invites each person and accepts their invitation in a request context of their own (accepting
 * signs them in there); returns their user ids and session tokens, in the same order.
 */
export async function addActiveUsers(admin: AdminApi, newContext: () => Promise<APIRequestContext>, people: Joiner[]): Promise<{ id: string; token: string }[]> {
  const ids: { id: string; token: string }[] = [];
  for (const { role, ...person } of people) {
    const email = newInvitee(person.first_name.toLowerCase());
    const invitation = await admin.invite({ email, ...person, role });
    const context = await newContext();
    const token = await acceptInvitation(context, await waitForInvitationLink(email), { ...person, password: "a steady lantern by the quay 8" });
    await context.dispose();
    ids.push({ id: invitation.user_id, token });
  }
  return ids;
}

/** The practice data of one firm (PRC), arranged through the API with an administrator's token. */
export class PracticeApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  private get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async post<T = { id: string }>(path: string, data: object, status = 201): Promise<T> {
    const response = await this.request.post(`/api/v1${path}`, { headers: this.headers, data });
    expect(response.status(), await response.text()).toBe(status);
    return (await response.json()) as T;
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.request.get(`/api/v1${path}`, { headers: this.headers });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as T;
  }

  async meId(): Promise<string> {
    return (await this.get<{ id: string }>("/me")).id;
  }

  /** The server's clock, which the test clock may have moved ahead of the machine's. */
  async now(): Promise<number> {
    return Date.parse((await this.get<{ now: string }>("/_test/clock")).now);
  }

  matter(number: string, description: string, responsible: string, originating: string, extra: object = {}) {
    return this.post("/matters", { number, description, responsible_attorney_id: responsible, originating_attorney_id: originating, ...extra });
  }

  task(name: string, assignee: string, extra: { matter_id?: string; due_at?: string; completed_at?: string } = {}) {
    return this.post("/tasks", { name, assignee_id: assignee, ...extra });
  }

  event(title: string, owner: string, startAt: number, extra: { matter_id?: string; attendee_ids?: string[] } = {}) {
    const hour = 3_600_000;
    return this.post("/calendar-events", { title, owner_id: owner, start_at: new Date(startAt).toISOString(), end_at: new Date(startAt + hour).toISOString(), ...extra });
  }

  deactivate(userId: string, body: object) {
    return this.post(`/users/${userId}/deactivate`, body, 200);
  }
}
