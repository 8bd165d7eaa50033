/**
 * SES-3: the codes of two-factor sign-in. TOTP (RFC 6238: 30-second steps, six digits, one
 * step of drift either way) is otplib's; the time is always the caller's clock, so the test
 * clock moves it. Recovery codes are random, shown once and kept only as hashes.
 */
import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { sha256 } from "../secrets.js";

const PERIOD_SECONDS = 30;
const ISSUER = "Chambers";
/** No 0/o, 1/l/i: a code copied from paper is read without doubt. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** What was typed, without the spaces and dashes people add. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

export const isTotpShape = (code: string) => /^\d{6}$/.test(code);

/** A new authenticator secret (Base32, 20 bytes) with its otpauth:// URL and QR code (SVG). */
export async function newAuthenticator(label: string) {
  const secret = generateSecret();
  const otpauthUrl = generateURI({ issuer: ISSUER, label, secret, period: PERIOD_SECONDS });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, otpauthUrl, qrSvg };
}

/**
 * The time step a TOTP code is valid for at `now`, or null. A step at or before `afterTimeStep`
 * is refused: each code works once.
 */
export async function totpTimeStep(secret: string, code: string, now: Date, afterTimeStep: number | null): Promise<number | null> {
  if (!isTotpShape(code)) return null;
  const result = await verify({
    secret,
    token: code,
    period: PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: PERIOD_SECONDS,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Ten fresh recovery codes, `xxxxx-xxxxx`. */
export function newRecoveryCodes(count: number): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** How a recovery code is kept: hashed with its user's id, so equal codes of two users differ. */
export const recoveryCodeHash = (userId: string, code: string) => sha256(`recovery:${userId}:${normaliseCode(code)}`);
