/** Random secrets and their hashes (DESIGN habit 7, INV-7, SEC-4). */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/** A new opaque id. */
export const newId = (): string => randomUUID();

/** 32 random bytes, URL-safe, with a readable prefix telling what the secret is. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Compares two hex digests without leaking where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const ba = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
