/** INV-7: invitation links (see link-token.ts for how every emailed link is made). */
import { and, eq } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { invitations } from "../../db/schema.js";
import { notFound } from "../errors.js";
import { makeLinkToken, parseLinkToken, tokenMatches } from "../link-token.js";

export type Invitation = typeof invitations.$inferSelect;

export const makeInvitationToken = (firmId: string, invitationId: string) => makeLinkToken("inv", firmId, invitationId);

/** The invitation a link opens, or null when the link is malformed, unknown, or no longer live. */
export async function findByToken(db: Executor, token: string, opts: { forUpdate?: boolean } = {}): Promise<Invitation | null> {
  const key = parseLinkToken("inv", token);
  if (!key) return null;
  const q = db.select().from(invitations).where(and(eq(invitations.firmId, key.firmId), eq(invitations.id, key.id)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row && tokenMatches(row.tokenHash, token) ? row : null;
}

export const INVITATION_TTL_MS = 24 * 3600 * 1000;

/** INV-3: expiry is derived when read. */
export const isExpired = (inv: Pick<Invitation, "status" | "expiresAt">, now: Date) =>
  inv.status === "pending" && inv.expiresAt !== null && inv.expiresAt <= now;

/** A pending invitation, locked; accepted and revoked ones are finished and never change again. */
export async function lockPendingInvitation(tx: Tx, firmId: string, id: string): Promise<Invitation> {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.firmId, firmId), eq(invitations.id, id)))
    .for("update");
  if (!row || row.status !== "pending") throw notFound("Invitation");
  return row;
}
