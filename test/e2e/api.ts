/** Direct API calls for arranging e2e tests (what the console is not under test for). */
import { expect, type APIRequestContext } from "@playwright/test";

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

  async invite(body: { email: string; first_name?: string; last_name?: string; role?: string }): Promise<{ id: string }> {
    const { role = "Attorney", ...rest } = body;
    const response = await this.request.post("/api/v1/invitations", {
      headers: this.headers,
      data: { subscription_type: "attorney", role_ids: [await this.roleId(role)], ...rest },
    });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { invitation: { id: string } }).invitation;
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
