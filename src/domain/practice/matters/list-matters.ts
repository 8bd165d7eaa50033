/**
 * PRC-1, PRC-7: the matters the actor sees, by number, filtered by status, attorneys, client and
 * a search of number and description, paged by cursor. A matter hidden from the actor is in no
 * page and no search.
 *
 * A page and everything its presenter needs arrive in one prepared statement (DESIGN habit 16):
 * first the page's ids in number order, the access condition applied (GRP-3), then those rows,
 * whole and as one JSON column, with their attorneys, client, groups and rates. Planning it
 * costs more than running it, so each shape of request (which filters, a cursor or not) is a
 * named statement of its own, planned once per connection.
 */
import { and, eq, sql } from "drizzle-orm";
import { alias, PgDialect } from "drizzle-orm/pg-core";
import { prepared, tableRow } from "../../../db/client.js";
import { matters } from "../../../db/schema.js";
import type { MatterFilters } from "../../../shared/practice-schemas.js";
import type { ReadContext } from "../../context.js";
import { encodeCursor, page } from "../../paging.js";
import { ratesJson, type RateRaw } from "../custom-rates.js";
import { after, cursorAfter } from "../keyset.js";
import { matterVisibleTo } from "../matter-access.js";
import { refJson, type RefRow } from "../user-ref.js";
import { matterFilters } from "./matter-filters.js";
import { groupsJson, matterSortKey, presentMatter, type GroupRaw, type MatterRow } from "./matter-record.js";

/** The page's rows, by the names of the matters' own columns. */
const p = alias(matters, "p");
const MATTER_ROW = tableRow(matters, "m");
const dialect = new PgDialect();

interface PageRaw {
  m: Record<string, unknown>;
  sort_key: string;
  responsible: RefRow;
  originating: RefRow;
  client: { id: string; name: string } | null;
  groups: GroupRaw[];
  rates: RateRaw[];
}

type ListInput = MatterFilters & { limit: number; cursor?: string };

/**
 * The limit is written into the statement, not passed: told only "some limit", the planner
 * assumes a tenth of the firm's matters, prices the generic plan far above the custom one and
 * plans afresh on every execution. Written in, the generic plan is chosen and planning is paid
 * once per connection. (`limit` is an integer of 1..200, checked by the route's schema.)
 */
const rowsWanted = (limit: number) => Math.trunc(limit) + 1;

/** The statement's name, with the limit: one per shape, since the shape alone decides its text. */
const shapeOf = (input: ListInput) =>
  `matters_page${input.status ? "_status" : ""}${input.responsible_attorney_id ? "_resp" : ""}${input.originating_attorney_id ? "_orig" : ""}${input.client_id ? "_client" : ""}${input.q ? "_q" : ""}${input.cursor ? "_after" : ""}`;

export async function listMatters({ db, actor }: ReadContext, input: ListInput) {
  const at = cursorAfter(input.cursor);
  const where = and(
    eq(matters.firmId, actor.firmId),
    matterVisibleTo(matters, actor.userId),
    matterFilters(input),
    at ? after(matterSortKey, matters.id, sql`${at.value}::text`, at.id) : undefined,
  );
  // Each part of a row is a subquery on the page's row, never a join: a generic plan, which
  // knows nothing of the limit, would otherwise hash-join whole tables to find 50 rows.
  const statement = dialect.sqlToQuery(sql`
    select (select ${sql.raw(MATTER_ROW.json)} from matters m where m.firm_id = p.firm_id and m.id = p.id) as m, p.sort_key,
           (select ${refJson("u")} from users u where u.firm_id = p.firm_id and u.id = p.responsible_attorney_id) as responsible,
           (select ${refJson("u")} from users u where u.firm_id = p.firm_id and u.id = p.originating_attorney_id) as originating,
           (select json_build_object('id', c.id, 'name', c.name) from contacts c where c.firm_id = p.firm_id and c.id = p.client_id) as client,
           ${groupsJson(p.firmId, p.id)} as groups, ${ratesJson("matter", p.firmId, p.id)} as rates
      from (select ${matters.firmId} as firm_id, ${matters.id} as id, ${matterSortKey} as sort_key, ${matters.responsibleAttorneyId} as responsible_attorney_id,
                   ${matters.originatingAttorneyId} as originating_attorney_id, ${matters.clientId} as client_id
              from ${matters}
             where ${where}
             order by ${matterSortKey}, ${matters.id}
             limit ${sql.raw(String(rowsWanted(input.limit)))}) p
     order by p.sort_key, p.id`);
  const raws = await prepared<PageRaw>(`${shapeOf(input)}_${rowsWanted(input.limit)}`, statement.sql)(db, statement.params);
  const rows = raws.map(
    (r): MatterRow => ({
      matter: MATTER_ROW.map(r.m),
      visible: true,
      sortKey: r.sort_key,
      responsible: r.responsible,
      originating: r.originating,
      client: r.client,
      groups: r.groups,
      rates: r.rates,
    }),
  );
  const paged = page(rows, input.limit, (r) => encodeCursor(r.sortKey, r.matter.id));
  return { data: paged.data.map((r) => presentMatter(r, actor)), next_cursor: paged.next_cursor };
}
