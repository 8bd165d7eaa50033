/** Reading the mail the e2e SMTP server (global-setup.ts) wrote to test-results/mail. */
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";

export const SMTP_HOST = "127.0.0.1";
/** E2E_SMTP_PORT lets two checkouts run their browser tests side by side. */
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
export const MAIL_DIR = fileURLToPath(new URL("../../test-results/mail", import.meta.url));

export interface Mail {
  file: string;
  headers: Record<string, string>;
  /** Every text part, decoded (quoted-printable or base64). */
  text: string;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Quoted-printable: soft line breaks (`=\r\n`) vanish, `=XX` is a byte. */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The decoded text of a MIME entity and, recursively, of its parts. */
function decodeEntity(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(split < 0 ? raw : raw.slice(0, split));
  const body = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith("--"))
      .map(decodeEntity)
      .join("\n");
  }
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

export async function readMails(): Promise<Mail[]> {
  const files = (await readdir(MAIL_DIR).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(`${MAIL_DIR}/${file}`, "utf8");
      const split = raw.search(/\r?\n\r?\n/);
      return { file, headers: parseHeaders(raw.slice(0, split)), text: decodeEntity(raw) };
    }),
  );
}

/**
 * Waits for the newest mail to `to` whose decoded text matches `pattern`; returns the first
 * match. With `other`, waits until the newest match differs from it (a resent link).
 */
export async function waitForMailLink(to: string, pattern: RegExp, other?: string, timeout = 15_000): Promise<string> {
  let found = "";
  await expect
    .poll(
      async () => {
        const mails = (await readMails()).filter((m) => (m.headers.to ?? "").toLowerCase().includes(to.toLowerCase()));
        const match = mails.reverse().map((m) => pattern.exec(m.text)?.[0]).find(Boolean);
        found = match && match !== other ? match : "";
        return found;
      },
      { message: `a mail to ${to} matching ${pattern}`, timeout, intervals: [200, 300, 500] },
    )
    .not.toBe("");
  return found;
}

/** The invitation link in the newest invitation mail to `to`. */
export function waitForInvitationLink(to: string, other?: string): Promise<string> {
  return waitForMailLink(to, /https?:\/\/[^\s"'<>]+\/accept-invitation\?token=[A-Za-z0-9_%.~-]+/, other);
}

/** The confirmation link in the newest change-of-email mail to `to` (EML-1, EML-3). */
export function waitForEmailChangeLink(to: string, other?: string): Promise<string> {
  return waitForMailLink(to, /https?:\/\/[^\s"'<>]+\/confirm-email\?token=[A-Za-z0-9_%.~-]+/, other);
}
