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

  async createGroup(name: string): Promise<string> {
    const response = await this.request.post("/api/v1/groups", { headers: this.headers, data: { name } });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
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
