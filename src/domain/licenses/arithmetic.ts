/** The license arithmetic of LIC-2 and LIC-3, as pure functions (property-tested). */

/** The end of a billing period that starts at `start`. */
export function periodEnd(start: Date, plan: "monthly" | "annual"): Date {
  const end = new Date(start);
  if (plan === "monthly") end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  return end;
}

/** LIC-2: licenses free to assign. */
export function availableLicenses(total: number, occupied: number, pendingRemoval: number): number {
  return total - occupied - pendingRemoval;
}

/**
 * LIC-3: `price x count x (time left / period length)`, rounded half-up to the cent. Integer
 * arithmetic in BigInt, so no float error and no overflow.
 */
export function proratedCents(priceCents: number, count: number, periodStart: Date, periodEnd: Date, now: Date): number {
  const length = BigInt(periodEnd.getTime() - periodStart.getTime());
  if (length <= 0n) return 0;
  const leftMs = Math.min(Math.max(periodEnd.getTime() - now.getTime(), 0), Number(length));
  const numerator = BigInt(priceCents) * BigInt(count) * BigInt(leftMs);
  return Number((2n * numerator + length) / (2n * length));
}

/** LIC-10: what the next renewal will charge, given what is scheduled now (LIC-5, LIC-6). */
export function nextBillCents(s: {
  plan: "monthly" | "annual";
  priceCents: number;
  total: number;
  pendingRemoval: number;
  occupied: number;
  removeUnusedAtRenewal: boolean;
}): number {
  return s.priceCents * licensesAfterRenewal(s);
}

/** LIC-5, LIC-6: scheduled removals apply, then an annual plan may drop to what is occupied. */
export function licensesAfterRenewal(s: {
  plan: "monthly" | "annual";
  total: number;
  pendingRemoval: number;
  occupied: number;
  removeUnusedAtRenewal: boolean;
}): number {
  const afterRemovals = s.total - s.pendingRemoval;
  if (s.plan === "annual" && s.removeUnusedAtRenewal) return Math.min(afterRemovals, s.occupied);
  return afterRemovals;
}
