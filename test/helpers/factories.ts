/** Factories: each test builds its own firm and people through the API and the domain. */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { roles } from "../../src/db/schema.js";
import { hashPassword } from "../../src/domain/accounts/passwords.js";
import { createActiveUser } from "../../src/domain/users/create-active-user.js";
import type { SystemRoleKey } from "../../src/shared/permissions.js";
import type { Harness } from "./harness.js";

export const PASSWORD = "quiet-harbour-lantern-42";

let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

export const uniqueEmail = (who = "user") => `${who}.${randomUUID().slice(0, 8)}@firm.test`;

export interface BuiltUser {
  id: string;
  email: string;
  token: string;
}

export interface BuiltFirm {
  id: string;
  name: string;
  owner: BuiltUser;
}

/** A new firm through POST /signup; its primary subscriber is signed in. */
export async function buildFirm(h: Harness, overrides: Record<string, unknown> = {}): Promise<BuiltFirm> {
  const email = uniqueEmail("owner");
  const res = await h.post("/api/v1/signup", {
    firm_name: `Firm ${randomUUID().slice(0, 6)} LLP`,
    first_name: "Olivia",
    last_name: "Owner",
    email,
    password: PASSWORD,
    plan: "monthly",
    licenses: 10,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  return { id: body.firm.id, name: body.firm.name, owner: { id: body.user.id, email, token: body.token } };
}

/** Signs a user in through POST /sessions and returns the session token. */
export async function signIn(h: Harness, email: string, password = PASSWORD): Promise<string> {
  const res = await h.post("/api/v1/sessions", { email, password });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

/** An active user of the firm with the given built-in roles, signed in. */
export async function buildUser(
  h: Harness,
  firm: BuiltFirm,
  roles: SystemRoleKey[] = ["attorney"],
  names: { firstName?: string; lastName?: string; email?: string } = {},
): Promise<BuiltUser> {
  const email = names.email ?? uniqueEmail(roles[0] ?? "user");
  const hash = await passwordHash();
  const id = await h.db.transaction((tx) =>
    createActiveUser(tx, h.clock, {
      firmId: firm.id,
      email,
      firstName: names.firstName ?? "Sam",
      lastName: names.lastName ?? roles.join(" "),
      passwordHash: hash,
      roleKeys: roles,
    }),
  );
  return { id, email, token: await signIn(h, email) };
}

export const buildAdmin = (h: Harness, firm: BuiltFirm) => buildUser(h, firm, ["administrator"], { firstName: "Alex", lastName: "Admin" });

/** The id of one of the firm's roles, by name. */
export async function roleId(h: Harness, firm: BuiltFirm, name: string): Promise<string> {
  const rows = await h.db.select().from(roles).where(and(eq(roles.firmId, firm.id), eq(roles.name, name)));
  if (!rows[0]) throw new Error(`no role ${name}`);
  return rows[0].id;
}

/** POST /invitations as the owner, with sensible defaults. */
export async function invite(h: Harness, firm: BuiltFirm, overrides: Record<string, unknown> = {}, token = firm.owner.token) {
  const email = (overrides.email as string) ?? uniqueEmail("invitee");
  const res = await h.post("/api/v1/invitations", { email, subscription_type: "attorney", role_ids: [await roleId(h, firm, "Attorney")], ...overrides }, token);
  return { res, email };
}
