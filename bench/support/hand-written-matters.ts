/**
 * The honest baseline of GET /api/v1/matters: a bare Fastify route answering the very same JSON
 * (first page, by number, no filter) through ONE hand-written SQL statement on the raw driver:
 * the bearer token's session and the actor's permissions, the page of the matters the actor
 * sees (GRP-3, PRC-7, the same condition written out), their attorneys as references (PRC-3),
 * client, access groups and custom rates. Abilities come from the same policy function.
 */
import type { FastifyInstance } from "fastify";
import { matterAbilities } from "../../src/policies/matters.js";
import { actorOf, AUTH, iso, tokenHash, unauthenticated } from "./hand-written.js";
import type { RawDatabase } from "./servers.js";

/** `{ id, name, inactive }` of users alias `u`, `(Inactive) First Last` for a deactivated one. */
const ref = (u: string) =>
  `json_build_object('id', ${u}.id, 'name', case when ${u}.status = 'deactivated' then '(Inactive) ' else '' end
     || coalesce(nullif(trim(${u}.first_name || ' ' || ${u}.last_name), ''), ${u}.email), 'inactive', ${u}.status = 'deactivated')`;

const group = (g: string) => `json_build_object('id', ${g}.id, 'name', ${g}.name, 'archived', ${g}.archived_at is not null)`;

/** The page size, written into the statement as Chambers writes it (see list-matters.ts). */
const PAGE = 50;

const MATTERS_SQL = `
  with a as (${AUTH})
  select a.user_id as actor_id, a.primary_subscriber_id,
         case when row_number() over (order by x.sort_key, x.id) = 1 then a.permissions end as permissions, x.*
    from a
    left join lateral (
      select p.sort_key, p.id, m.number, m.description, m.status, ${iso("m.status_changed_at")} as status_changed_at,
             m.access_kind, m.access_owner_id, ${iso("m.created_at")} as created_at, ${iso("m.updated_at")} as updated_at,
             (select ${ref("u")} from users u where u.firm_id = p.firm_id and u.id = p.responsible_attorney_id) as responsible_attorney,
             (select ${ref("u")} from users u where u.firm_id = p.firm_id and u.id = p.originating_attorney_id) as originating_attorney,
             (select json_build_object('id', c.id, 'name', c.name) from contacts c where c.firm_id = p.firm_id and c.id = p.client_id) as client,
             coalesce((select json_agg(${group("g")} order by g.name, g.id)
                         from matter_groups mg join groups g on g.firm_id = mg.firm_id and g.id = mg.group_id
                        where mg.firm_id = p.firm_id and mg.matter_id = p.id), '[]') as groups,
             coalesce((select json_agg(json_build_object('user_id', r.user_id, 'group_id', r.group_id, 'rate_cents', r.rate_cents,
                                         'user', case when u.id is null then null else ${ref("u")} end,
                                         'group', case when g.id is null then null else ${group("g")} end)
                                       order by g.name nulls first, u.last_name, u.first_name, r.id)
                         from custom_rates r
                         left join users u on u.firm_id = r.firm_id and u.id = r.user_id
                         left join groups g on g.firm_id = r.firm_id and g.id = r.group_id
                        where r.firm_id = p.firm_id and r.matter_id = p.id), '[]') as custom_rates
        -- The page first, then each part of a row by its key, as Chambers does (list-matters.ts).
        from (select m.firm_id, m.id, lower(m.number) as sort_key, m.responsible_attorney_id, m.originating_attorney_id, m.client_id
                from matters m
               where m.firm_id = a.firm_id
                 and (m.access_kind = 'everyone'
                      or (m.access_kind = 'private' and m.access_owner_id = a.user_id)
                      or (m.access_kind = 'groups' and (m.responsible_attorney_id = a.user_id or m.originating_attorney_id = a.user_id
                          or exists (select 1 from matter_groups mg
                                       join groups g on g.firm_id = mg.firm_id and g.id = mg.group_id and g.archived_at is null
                                       join group_members gm on gm.firm_id = mg.firm_id and gm.group_id = mg.group_id and gm.user_id = a.user_id
                                      where mg.firm_id = m.firm_id and mg.matter_id = m.id))))
               order by lower(m.number), m.id
               limit ${PAGE + 1}) p
        cross join lateral (select * from matters m where m.firm_id = p.firm_id and m.id = p.id offset 0) m
       order by p.sort_key, p.id) x on true
   order by x.sort_key, x.id`;

interface Ref {
  id: string;
  name: string;
  inactive: boolean;
}

interface MatterRow {
  actor_id: string;
  primary_subscriber_id: string;
  permissions: string[] | null;
  sort_key: string;
  id: string;
  number: string;
  description: string;
  status: string;
  status_changed_at: string;
  access_kind: "everyone" | "groups" | "private";
  access_owner_id: string | null;
  created_at: string;
  updated_at: string;
  responsible_attorney: Ref;
  originating_attorney: Ref;
  client: { id: string; name: string } | null;
  groups: { id: string; name: string; archived: boolean }[];
  custom_rates: unknown[];
}

/** Adds `/matters` to a bare Fastify app. */
export function handWrittenMatters(app: FastifyInstance, raw: RawDatabase) {
  app.get<{ Querystring: { limit?: string } }>("/matters", async (request, reply) => {
    const hash = tokenHash(request);
    if (!hash) return unauthenticated(reply);
    if (Number(request.query.limit ?? PAGE) !== PAGE) return reply.code(400).send({ code: "validation_failed" });
    const limit = PAGE;
    const rows = await raw.query<MatterRow>("bench_matters", MATTERS_SQL, [hash, new Date()]);
    if (rows.length === 0) return unauthenticated(reply);
    const actor = actorOf(rows[0]!.actor_id, rows[0]!.primary_subscriber_id, rows[0]!.permissions);
    const found = rows[0]!.id === null ? [] : rows;
    const data = found.slice(0, limit);
    const last = data[data.length - 1];
    return {
      data: data.map((m) => ({
        id: m.id,
        number: m.number,
        description: m.description,
        status: m.status,
        status_changed_at: m.status_changed_at,
        responsible_attorney: m.responsible_attorney,
        originating_attorney: m.originating_attorney,
        client: m.client,
        access: { kind: m.access_kind, group_ids: m.groups.map((g) => g.id), owner_id: m.access_owner_id },
        groups: m.groups,
        custom_rates: m.custom_rates,
        created_at: m.created_at,
        updated_at: m.updated_at,
        abilities: matterAbilities(actor, { accessKind: m.access_kind, accessOwnerId: m.access_owner_id }),
      })),
      next_cursor: found.length > limit && last ? Buffer.from(JSON.stringify([last.sort_key, last.id])).toString("base64url") : null,
    };
  });
}
