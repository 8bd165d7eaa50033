/** Password hashing (argon2id) and the strength rule of SEC-2. */
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { LIMITS } from "../../shared/limits.js";
import { validation } from "../errors.js";

// OWASP's recommended argon2id settings: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const common = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

/** Throws a 400 naming `path` when the password is too short, too long or well known. */
export function assertStrongPassword(password: string, path = "password"): void {
  if (password.length < LIMITS.passwordMin) {
    throw validation([{ path, message: `Use at least ${LIMITS.passwordMin} characters.` }]);
  }
  if (password.length > LIMITS.passwordMax) {
    throw validation([{ path, message: `Use at most ${LIMITS.passwordMax} characters.` }]);
  }
  if (common.has(password.toLowerCase())) {
    throw validation([{ path, message: "This password is too common. Choose another." }]);
  }
}

export const hashPassword = (password: string) => hash(password, OPTIONS);

// Verified against when the email is unknown, so that both cases take the same time (SEC-2).
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("not-a-real-password-for-timing");
  const target = passwordHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}
