/** SES-3: a user's second factor as stored, and spending one code of it. */
import { and, eq, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { userTwoFactor } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { isTotpShape, normaliseCode, recoveryCodeHash, totpTimeStep } from "./codes.js";

export type Factor = typeof userTwoFactor.$inferSelect;

export const twoFactorRequired = () =>
  new AppError("two_factor_required", "Enter the code from your authenticator app, or a recovery code.");
export const twoFactorInvalid = () => new AppError("two_factor_invalid", "The code is not valid. Codes work once and only for a short time.");

const ofUser = (firmId: string, userId: string) => and(eq(userTwoFactor.firmId, firmId), eq(userTwoFactor.userId, userId));

/** The user's factor, enrolled or begun, or null. */
export async function findFactor(db: Executor, firmId: string, userId: string): Promise<Factor | null> {
  const [row] = await db.select().from(userTwoFactor).where(ofUser(firmId, userId));
  return row ?? null;
}

/** The same, locked until the transaction ends: a code is spent once however many try it at once. */
export async function lockFactor(tx: Tx, firmId: string, userId: string): Promise<Factor | null> {
  const [row] = await tx.select().from(userTwoFactor).where(ofUser(firmId, userId)).for("update");
  return row ?? null;
}

/**
 * Spends a code of an enrolled factor, locked by the caller: a TOTP code for a time step newer
 * than the last one used, or an unused recovery code, which is struck off. Returns how, or null
 * when the code is not good.
 */
export async function spendCode(tx: Tx, clock: Clock, factor: Factor, typed: string): Promise<"totp" | "recovery" | null> {
  const code = normaliseCode(typed);
  if (isTotpShape(code)) {
    const step = await totpTimeStep(factor.secret, code, clock.now(), factor.lastTimeStep);
    if (step === null) return null;
    await tx.update(userTwoFactor).set({ lastTimeStep: step }).where(ofUser(factor.firmId, factor.userId));
    return "totp";
  }
  if (!/^[a-z0-9]{10}$/.test(code)) return null;
  const hash = recoveryCodeHash(factor.userId, code);
  if (!factor.recoveryCodeHashes.includes(hash)) return null;
  await tx
    .update(userTwoFactor)
    .set({ recoveryCodeHashes: sql`array_remove(${userTwoFactor.recoveryCodeHashes}, ${hash})` })
    .where(ofUser(factor.firmId, factor.userId));
  return "recovery";
}

/** Removes the factor; true when there was one. */
export async function removeFactor(tx: Tx, firmId: string, userId: string): Promise<boolean> {
  const removed = await tx.delete(userTwoFactor).where(ofUser(firmId, userId)).returning({ userId: userTwoFactor.userId });
  return removed.length > 0;
}
