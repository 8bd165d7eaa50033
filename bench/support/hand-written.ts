/**
 * The honest baselines: bare Fastify routes, in the benchmark's process, that answer exactly
 * what Chambers answers, each through ONE hand-written SQL statement on the raw driver:
 *
 * - `/floor`: `select 1`, the least any request that touches the database can cost;
 * - `/me`: the bearer token's session (sha256 lookup, not revoked, not expired, active user of
 *   an active firm), the user, roles, groups, pending email change, permissions, firm and
 *   subscription: the body of GET /api/v1/me;
 * - `/users`: the same authentication and the page of GET /api/v1/users?limit=50&q=...&sort=name
 *   (active users), with roles, groups and abilities.
 *
 * Abilities come from the same policy functions Chambers uses (the user's, and in /me the firm's); everything else is written out
 * here by hand, without Drizzle, zod or any plugin.
 */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../src/domain/context.js";
import { firmAbilities } from "../../src/policies/firm.js";
import { userAbilities } from "../../src/policies/users.js";
import type { Permission } from "../../src/shared/permissions.js";
import type { RawDatabase } from "./servers.js";

export const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The actor: a valid session of an active user of an active firm, with effective permissions. */
export const AUTH = `
  select s.firm_id, s.user_id, s.csrf_token, f.primary_subscriber_id,
         (select array_agg(distinct p) from user_roles ur
            join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id
            cross join lateral unnest(r.permissions) as p
           where ur.firm_id = s.firm_id and ur.user_id = s.user_id) as permissions
    from sessions s
    join users au on au.firm_id = s.firm_id and au.id = s.user_id
    join firms f on f.id = s.firm_id
   where s.token_hash = $1 and s.revoked_at is null and (s.expires_at is null or s.expires_at > $2)
     and au.status = 'active' and f.status = 'active'`;

/** A user `u`'s own columns and what the presenter needs (only active users here: no invitation). */
const USER = `
  u.id, u.email, u.first_name, u.last_name, u.initials, u.time_zone, u.address, u.city, u.state, u.zip,
  u.country, u.phone, u.subscription_type, u.status, ${iso("u.deactivated_at")} as deactivated_at,
  ${iso("u.scheduled_deactivation_at")} as scheduled_deactivation_at,
  ${iso("u.created_at")} as created_at, ${iso("u.updated_at")} as updated_at,
  coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name) order by r.name)
              from user_roles ur join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id
             where ur.firm_id = u.firm_id and ur.user_id = u.id), '[]') as roles,
  coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name)
              from group_members gm join groups g on g.firm_id = gm.firm_id and g.id = gm.group_id
             where gm.firm_id = u.firm_id and gm.user_id = u.id and g.archived_at is null), '[]') as groups,
  (select json_build_object('new_email', e.new_email, 'expires_at', ${iso("e.expires_at")})
     from email_changes e
    where e.firm_id = u.firm_id and e.user_id = u.id and e.status = 'pending' and e.expires_at > $2
    order by e.created_at desc limit 1) as pending_email_change`;

const ME_SQL = `
  with a as (${AUTH})
  select a.csrf_token, a.permissions, ${USER},
         f.id as firm_id, f.name as firm_name, f.status as firm_status, f.primary_subscriber_id,
         ${iso("f.created_at")} as firm_created_at,
         sub.plan, sub.price_cents, sub.currency, sub.total_licenses, sub.pending_removal,
         ${iso("sub.period_start")} as period_start, ${iso("sub.period_end")} as period_end, sub.remove_unused_at_renewal
    from a
    join users u on u.firm_id = a.firm_id and u.id = a.user_id
    join firms f on f.id = a.firm_id
    join subscriptions sub on sub.firm_id = a.firm_id`;

/** Active users whose name or email holds $3, by name, $4 of them: the covering index's job. */
const USERS_SQL = `
  with a as (${AUTH})
  select a.user_id as actor_id, a.primary_subscriber_id,
         -- The actor's permissions once, on the first row, not on every row.
         case when row_number() over (order by x.sort_key, x.id) = 1 then a.permissions end as permissions, x.*
    from a
    left join lateral (
      select p.sort_key, ${USER}
        from (select id, sort_name as sort_key from users
               where firm_id = a.firm_id and status = 'active' and search_text like $3
               order by sort_name, id limit $4) p
        join users u on u.firm_id = a.firm_id and u.id = p.id
       order by p.sort_key, p.id) x on true
   order by x.sort_key, x.id`;

interface UserColumns {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  initials: string | null;
  time_zone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  phone: string | null;
  subscription_type: string;
  status: "invited" | "active" | "deactivated";
  deactivated_at: string | null;
  scheduled_deactivation_at: string | null;
  created_at: string;
  updated_at: string;
  roles: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  pending_email_change: { new_email: string; expires_at: string } | null;
}

interface MeRow extends UserColumns {
  csrf_token: string;
  permissions: string[] | null;
  firm_id: string;
  firm_name: string;
  firm_status: string;
  primary_subscriber_id: string;
  firm_created_at: string;
  plan: string;
  price_cents: number;
  currency: string;
  total_licenses: number;
  pending_removal: number;
  period_start: string;
  period_end: string;
  remove_unused_at_renewal: boolean;
}

type PageRow = { actor_id: string; primary_subscriber_id: string; permissions: string[] | null; sort_key: string | null } & UserColumns;

export const tokenHash = (request: FastifyRequest) => {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  return m ? createHash("sha256").update(m[1]!).digest("hex") : null;
};

export const unauthenticated = (reply: FastifyReply) => reply.code(401).send({ code: "unauthenticated" });

export const actorOf = (userId: string, primaryId: string, permissions: string[] | null): Actor => ({
  userId,
  firmId: "",
  name: "",
  email: "",
  isPrimarySubscriber: userId === primaryId,
  permissions: new Set((permissions ?? []) as Permission[]),
  sessionId: "",
  sessionKind: "session",
});

function userJson(u: UserColumns, actor: Actor, primaryId: string) {
  const isPrimarySubscriber = u.id === primaryId;
  return {
    id: u.id,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    name: `${u.first_name} ${u.last_name}`.trim() || u.email,
    initials: u.initials,
    time_zone: u.time_zone,
    address: u.address,
    city: u.city,
    state: u.state,
    zip: u.zip,
    country: u.country,
    phone: u.phone,
    subscription_type: u.subscription_type,
    status: u.status,
    is_primary_subscriber: isPrimarySubscriber,
    roles: u.roles,
    groups: u.groups,
    invitation: null,
    pending_email_change: u.pending_email_change,
    deactivated_at: u.deactivated_at,
    scheduled_deactivation_at: u.scheduled_deactivation_at,
    created_at: u.created_at,
    updated_at: u.updated_at,
    abilities: userAbilities(actor, {
      id: u.id,
      status: u.status,
      isPrimarySubscriber,
      scheduledDeactivationAt: u.scheduled_deactivation_at ? new Date(u.scheduled_deactivation_at) : null,
    }),
  };
}

/** Adds `/floor`, `/me` and `/users` to a bare Fastify app. */
export function handWrittenRoutes(app: FastifyInstance, raw: RawDatabase) {
  app.get("/floor", async () => {
    const [row] = await raw.query<{ ok: boolean }>("bench_floor", "select true as ok");
    return { ok: row!.ok };
  });

  app.get("/me", async (request, reply) => {
    const hash = tokenHash(request);
    if (!hash) return unauthenticated(reply);
    const [r] = await raw.query<MeRow>("bench_me", ME_SQL, [hash, new Date()]);
    if (!r) return unauthenticated(reply);
    const actor = actorOf(r.id, r.primary_subscriber_id, r.permissions);
    const user = userJson(r, actor, r.primary_subscriber_id);
    return Object.assign(user, {
      permissions: [...actor.permissions].sort(),
      abilities: Object.assign(user.abilities, firmAbilities(actor)),
      firm: {
        id: r.firm_id,
        name: r.firm_name,
        status: r.firm_status,
        primary_subscriber_id: r.primary_subscriber_id,
        subscription: {
          plan: r.plan,
          price_cents: r.price_cents,
          currency: r.currency,
          total_licenses: r.total_licenses,
          pending_removal: r.pending_removal,
          period_start: r.period_start,
          period_end: r.period_end,
          remove_unused_at_renewal: r.remove_unused_at_renewal,
        },
        sso: null,
        created_at: r.firm_created_at,
      },
      csrf_token: r.csrf_token,
    });
  });

  app.get<{ Querystring: { q?: string; limit?: string } }>("/users", async (request, reply) => {
    const hash = tokenHash(request);
    if (!hash) return unauthenticated(reply);
    const limit = Number(request.query.limit ?? 50);
    const pattern = `%${(request.query.q ?? "").toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await raw.query<PageRow>("bench_users", USERS_SQL, [hash, new Date(), pattern, limit + 1]);
    if (rows.length === 0) return unauthenticated(reply);
    const actor = actorOf(rows[0]!.actor_id, rows[0]!.primary_subscriber_id, rows[0]!.permissions);
    const found = rows[0]!.id === null ? [] : rows;
    const data = found.slice(0, limit);
    const last = data[data.length - 1];
    return {
      data: data.map((u) => userJson(u, actor, u.primary_subscriber_id)),
      next_cursor: found.length > limit && last ? Buffer.from(JSON.stringify([last.sort_key, last.id])).toString("base64url") : null,
    };
  });
}
