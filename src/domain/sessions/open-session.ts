/** Opens a cookie session or an API token for a user; only the token's hash is stored (SEC-4). */
import { sessions } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { newId, newSecret, sha256 } from "../secrets.js";

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface OpenSessionInput {
  firmId: string;
  userId: string;
  kind: "session" | "api_token";
  /** SES-3: a SAML sign-in, left to the identity provider's second factor. */
  viaSso?: boolean;
  name?: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface OpenedSession {
  id: string;
  token: string;
  csrfToken: string;
  expiresAt: Date | null;
}

export async function openSession(tx: Tx, clock: Clock, input: OpenSessionInput): Promise<OpenedSession> {
  const now = clock.now();
  const id = newId();
  const token = newSecret(input.kind === "session" ? "chs" : "cht");
  const csrfToken = newSecret("csrf");
  const expiresAt = input.kind === "session" ? new Date(now.getTime() + SESSION_TTL_MS) : null;
  await tx.insert(sessions).values({
    firmId: input.firmId,
    id,
    userId: input.userId,
    kind: input.kind,
    viaSso: input.viaSso ?? false,
    name: input.name ?? null,
    tokenHash: sha256(token),
    csrfToken,
    ip: input.ip?.slice(0, 100) ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { id, token, csrfToken, expiresAt };
}
