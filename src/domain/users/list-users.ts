/** The user list: status filter, search over name and email, sort, keyset paging (USR-4). */
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema.js";
import type { Actor } from "../context.js";
import { forbidden } from "../errors.js";
import { decodeCursor, encodeCursor, page } from "../paging.js";
import { withRoles, type UserRecord } from "./user-record.js";

export interface ListUsersInput {
  status: "active" | "invited" | "deactivated" | "all";
  q?: string;
  sort: "name" | "-name" | "email" | "-email" | "created_at" | "-created_at";
  limit: number;
  cursor?: string;
}

const SORT_KEYS = {
  name: sql<string>`${users.sortName}`,
  email: sql<string>`lower(${users.email})`,
  created_at: sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
} as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(db: Executor, actor: Actor, primaryId: string, input: ListUsersInput) {
  // Colleagues see each other; only managers of users see invited and deactivated people.
  if (input.status !== "active" && !actor.permissions.has("users.manage")) throw forbidden();
  const descending = input.sort.startsWith("-");
  const key = SORT_KEYS[input.sort.replace(/^-/, "") as keyof typeof SORT_KEYS];
  const conditions: SQL[] = [eq(users.firmId, actor.firmId)];
  if (input.status !== "all") conditions.push(eq(users.status, input.status));
  if (input.q) {
    const pattern = `%${escapeLike(input.q.toLowerCase())}%`;
    conditions.push(sql`${users.searchText} like ${pattern}`);
  }
  const cursor = decodeCursor(input.cursor);
  if (cursor) {
    const [value, id] = cursor;
    const cmp = descending ? lt : gt;
    conditions.push(or(cmp(key, String(value)), and(eq(key, String(value)), cmp(users.id, id)))!);
  }
  const order = descending ? [desc(key), desc(users.id)] : [asc(key), asc(users.id)];
  // First the page's ids, from the index alone; then only those rows, whole.
  const ids = await db
    .select({ id: users.id, sortKey: key })
    .from(users)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(input.limit + 1);
  const paged = page(ids, input.limit, (r) => encodeCursor(r.sortKey, r.id));
  const wanted = paged.data.map((r) => r.id);
  const rows = wanted.length ? await db.select().from(users).where(and(eq(users.firmId, actor.firmId), inArray(users.id, wanted))) : [];
  const ordered = wanted.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
  const records: UserRecord[] = await withRoles(db, actor.firmId, primaryId, ordered);
  return { data: records, next_cursor: paged.next_cursor };
}
