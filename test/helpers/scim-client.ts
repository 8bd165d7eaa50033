/** A SCIM client that talks as Okta and Entra ID do, through the harness (no contract check: RFC 7644 is SCIM's). */
import type { Harness } from "./harness.js";

export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export class ScimClient {
  constructor(
    readonly h: Harness,
    readonly token: string,
  ) {}

  async send(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown, headers: Record<string, string> = {}) {
    const raw = typeof body === "string" ? body : body === undefined ? undefined : JSON.stringify(body);
    const res = await this.h.app.inject({
      method,
      url: `/scim/v2${path}`,
      headers: { authorization: `Bearer ${this.token}`, ...(raw !== undefined ? { "content-type": "application/scim+json" } : {}), ...headers },
      payload: raw,
    });
    return { status: res.statusCode, headers: res.headers, json: () => (res.body ? JSON.parse(res.body) : null), body: res.body };
  }

  get = (path: string) => this.send("GET", path);
  post = (path: string, body: unknown) => this.send("POST", path, body);
  put = (path: string, body: unknown, headers?: Record<string, string>) => this.send("PUT", path, body, headers);
  patch = (path: string, operations: unknown[], headers?: Record<string, string>) => this.send("PATCH", path, { schemas: [PATCH], Operations: operations }, headers);
  delete = (path: string) => this.send("DELETE", path);

  /** Okta's first call for a person: is this userName already here? */
  async findByUserName(userName: string) {
    const res = await this.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
    return res.json().Resources as { id: string }[];
  }
}

/** The User resource an identity provider sends when it creates someone. */
export function userResource(email: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER, ENTERPRISE],
    userName: email,
    externalId: `ext-${email}`,
    name: { givenName: "Robin", familyName: "Reyes" },
    emails: [{ value: email, type: "work", primary: true }],
    active: true,
    title: "Associate",
    phoneNumbers: [{ value: "+1 312 555 0101", type: "work", primary: true }],
    addresses: [{ type: "work", streetAddress: "1 Main St", locality: "Chicago", region: "IL", postalCode: "60601", country: "US", primary: true }],
    [ENTERPRISE]: { employeeNumber: "E-42" },
    ...extra,
  };
}
