/**
 * Links sent by email (invitations, email confirmations, password resets) carry 256 random bits (INV-7). Only
 * their SHA-256 is stored, compared in constant time. The firm and record ids ride along so
 * the look-up is by primary key.
 */
import { newSecret, sameDigest, sha256 } from "./secrets.js";

export type LinkKind = "inv" | "eml" | "pwr";

export function makeLinkToken(kind: LinkKind, firmId: string, id: string): { token: string; hash: string } {
  const token = `${firmId}.${id}.${newSecret(kind)}`;
  return { token, hash: sha256(token) };
}

/** The firm and record a link names, or null when it is not one of ours. */
export function parseLinkToken(kind: LinkKind, token: string): { firmId: string; id: string } | null {
  const shape = new RegExp(`^[A-Za-z0-9-]{1,64}\\.[A-Za-z0-9-]{1,64}\\.${kind}_[A-Za-z0-9_-]{43}$`);
  if (!shape.test(token)) return null;
  const [firmId, id] = token.split(".") as [string, string];
  return { firmId, id };
}

/** True when the stored hash is this token's. */
export const tokenMatches = (storedHash: string | null, token: string) => storedHash !== null && sameDigest(storedHash, sha256(token));
