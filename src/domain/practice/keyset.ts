/** Keyset paging of practice lists: a sort value and the id, so pages never skip or repeat. */
import { Column, is, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { qualified } from "./qualified.js";
import { validation } from "../errors.js";
import { decodeCursor } from "../paging.js";

/** The position after which the next page starts, or null for the first page. */
export function cursorAfter(cursor: string | undefined): { value: string; id: string } | null {
  const decoded = decodeCursor(cursor);
  if (!decoded) return null;
  if (typeof decoded[0] !== "string") throw validation([{ path: "cursor", message: "This cursor is not valid." }]);
  return { value: decoded[0], id: decoded[1] };
}

/** `(key, id) > (value, cursor id)`, or `<` going down; `value` typed as the key is. */
export function after(key: SQL | PgColumn, id: PgColumn, value: SQL, cursorId: string, descending = false): SQL {
  const k = is(key, Column) ? qualified(key) : key;
  return descending ? sql`(${k}, ${qualified(id)}) < (${value}, ${cursorId})` : sql`(${k}, ${qualified(id)}) > (${value}, ${cursorId})`;
}

/** A cursor's time value, checked, as a timestamptz parameter. */
export function timeValue(value: string): SQL {
  if (Number.isNaN(Date.parse(value))) throw validation([{ path: "cursor", message: "This cursor is not valid." }]);
  return sql`${new Date(value).toISOString()}::timestamptz`;
}

/** A time as a cursor value: ISO text that sorts as the time does. */
export const timeKey = (d: Date) => d.toISOString();

/** `%q%` for LIKE, its wildcards escaped. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
