/**
 * The user list: status filter, search over name and email, sort, keyset paging (USR-4). A
 * page and everything its presenter needs arrive in one prepared statement (DESIGN habit 16).
 */
import { prepared, type Executor } from "../../db/client.js";
import type { AddonKey } from "../../shared/pricing.js";
import type { Actor } from "../context.js";
import { forbidden } from "../errors.js";
import { decodeCursor, encodeCursor, page } from "../paging.js";
import { ATTACHED_COLUMNS, USER_ROW, recordOf, type AttachedRaw, type UserRecord } from "./user-record.js";

export interface ListUsersInput {
  status: "active" | "invited" | "deactivated" | "all";
  q?: string;
  sort: "name" | "-name" | "email" | "-email" | "created_at" | "-created_at";
  /** USR-6: only holders of this role, members of this group, of this subscription type. */
  role_id?: string;
  group_id?: string;
  subscription_type?: "attorney" | "non_attorney";
  /** ADD-1: only holders of this add-on. */
  addon?: AddonKey;
  limit: number;
  cursor?: string;
}

/** Which of the optional filters a request uses: each combination is a statement of its own. */
interface Shape {
  status: boolean;
  search: boolean;
  role: boolean;
  group: boolean;
  subscription: boolean;
  addon: boolean;
  cursor: boolean;
}

const SORT_KEYS = {
  name: "u.sort_name",
  email: "lower(u.email)",
  created_at: `to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
} as const;

type SortKey = keyof typeof SORT_KEYS;
type PageRaw = AttachedRaw & { u: Record<string, unknown> & { id: string }; _sort_key: string; _primary_id: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One statement per shape of request (sort, direction, and which filters are present), so each
 * is prepared with a plan of its own: first the page's ids, from the covering index alone
 * (firm_id, sort_name, id) INCLUDE (status, search_text); then those rows, whole, with their
 * roles, groups, invitation and email change.
 */
function pageStatement(key: SortKey, descending: boolean, shape: Shape) {
  let n = 1;
  const next = () => `$${++n}`;
  const where = ["u.firm_id = $1"];
  if (shape.status) where.push(`u.status = ${next()}`);
  if (shape.search) where.push(`u.search_text like ${next()}`);
  if (shape.role) where.push(`exists (select 1 from user_roles ur where ur.firm_id = $1 and ur.user_id = u.id and ur.role_id = ${next()})`);
  if (shape.group) where.push(`exists (select 1 from group_members gm where gm.firm_id = $1 and gm.user_id = u.id and gm.group_id = ${next()})`);
  if (shape.subscription) where.push(`u.subscription_type = ${next()}`);
  if (shape.addon) where.push(`exists (select 1 from addon_allocations a where a.firm_id = $1 and a.user_id = u.id and a.addon_key = ${next()})`);
  if (shape.cursor) where.push(`(${SORT_KEYS[key]}, u.id) ${descending ? "<" : ">"} (${next()}, ${next()})`);
  const limit = next();
  const dir = descending ? "desc" : "asc";
  const flags = (["status", "search", "role", "group", "subscription", "addon"] as const).filter((f) => shape[f]).map((f) => `_${f}`).join("");
  const name = `users_page_${key}_${dir}${flags}${shape.cursor ? "_after" : ""}`;
  return prepared<PageRaw>(
    name,
    `select ${USER_ROW.json} as u, p.sort_key as _sort_key, f.primary_subscriber_id as _primary_id, ${ATTACHED_COLUMNS}
       from (select u.id, ${SORT_KEYS[key]} as sort_key
               from users u
              where ${where.join(" and ")}
              order by ${SORT_KEYS[key]} ${dir}, u.id ${dir}
              limit ${limit}) p
       join users u on u.firm_id = $1 and u.id = p.id
       join firms f on f.id = u.firm_id
      order by p.sort_key ${dir}, p.id ${dir}`,
  );
}

const statements = new Map<string, ReturnType<typeof pageStatement>>();

function statementFor(key: SortKey, descending: boolean, shape: Shape) {
  const id = `${key}|${descending}|${Object.values(shape).join("|")}`;
  let statement = statements.get(id);
  if (!statement) statements.set(id, (statement = pageStatement(key, descending, shape)));
  return statement;
}

export async function listUsers(db: Executor, actor: Actor, input: ListUsersInput): Promise<{ data: UserRecord[]; next_cursor: string | null }> {
  // Colleagues see each other; only managers of users see invited and deactivated people.
  if (input.status !== "active" && !actor.permissions.has("users.manage")) throw forbidden();
  const descending = input.sort.startsWith("-");
  const key = input.sort.replace(/^-/, "") as SortKey;
  const params: unknown[] = [actor.firmId];
  if (input.status !== "all") params.push(input.status);
  if (input.q) params.push(`%${escapeLike(input.q.toLowerCase())}%`);
  if (input.role_id) params.push(input.role_id);
  if (input.group_id) params.push(input.group_id);
  if (input.subscription_type) params.push(input.subscription_type);
  if (input.addon) params.push(input.addon);
  const cursor = decodeCursor(input.cursor);
  if (cursor) params.push(String(cursor[0]), cursor[1]);
  params.push(input.limit + 1);
  const shape: Shape = {
    status: input.status !== "all",
    search: Boolean(input.q),
    role: Boolean(input.role_id),
    group: Boolean(input.group_id),
    subscription: Boolean(input.subscription_type),
    addon: Boolean(input.addon),
    cursor: cursor !== null,
  };
  const statement = statementFor(key, descending, shape);
  const rows = await statement(db, params);
  const paged = page(rows, input.limit, (r) => encodeCursor(r._sort_key, r.u.id));
  return { data: paged.data.map((raw) => recordOf(USER_ROW.map(raw.u), raw, raw._primary_id)), next_cursor: paged.next_cursor };
}
