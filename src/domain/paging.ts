/** Opaque keyset cursors: the last row's sort value and id, so pages never skip or repeat. */
import { validation } from "./errors.js";

export function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): [string | number, string] | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === "string" && ["string", "number"].includes(typeof parsed[0])) {
      return parsed as [string | number, string];
    }
  } catch {
    // fall through to the validation error
  }
  throw validation([{ path: "cursor", message: "This cursor is not valid." }]);
}

/** Takes one row more than the page to learn whether another page follows. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, next_cursor: more && last ? cursorOf(last) : null };
}

/** The sequence number a newest-first cursor stops at, or null for the first page. */
export function decodeSeqCursor(cursor: string | undefined): number | null {
  const decoded = decodeCursor(cursor);
  if (!decoded) return null;
  const seq = Number(decoded[0]);
  if (!Number.isSafeInteger(seq)) throw validation([{ path: "cursor", message: "This cursor is not valid." }]);
  return seq;
}
