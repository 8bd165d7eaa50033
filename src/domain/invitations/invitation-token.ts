/**
 * INV-7: an invitation link carries 256 random bits. Only its SHA-256 is stored, and it is
 * compared in constant time. The firm and invitation ids ride along so the look-up is by key.
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { invitations } from "../../db/schema.js";
import { newSecret, sameDigest, sha256 } from "../secrets.js";

export type Invitation = typeof invitations.$inferSelect;

export function makeInvitationToken(firmId: string, invitationId: string): { token: string; hash: string } {
  const token = `${firmId}.${invitationId}.${newSecret("inv")}`;
  return { token, hash: sha256(token) };
}

const SHAPE = /^[A-Za-z0-9-]{1,64}\.[A-Za-z0-9-]{1,64}\.inv_[A-Za-z0-9_-]{43}$/;

/** The invitation a link opens, or null when the link is malformed, unknown, or no longer live. */
export async function findByToken(db: Executor, token: string, opts: { forUpdate?: boolean } = {}): Promise<Invitation | null> {
  if (!SHAPE.test(token)) return null;
  const [firmId, id] = token.split(".") as [string, string];
  const q = db.select().from(invitations).where(and(eq(invitations.firmId, firmId), eq(invitations.id, id)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row?.tokenHash || !sameDigest(row.tokenHash, sha256(token))) return null;
  return row;
}

export const INVITATION_TTL_MS = 24 * 3600 * 1000;

/** INV-3: expiry is derived when read. */
export const isExpired = (inv: Pick<Invitation, "status" | "expiresAt">, now: Date) =>
  inv.status === "pending" && inv.expiresAt !== null && inv.expiresAt <= now;
