/**
 * Matters with everything their presenter needs (attorneys, client, access groups, rates) in
 * one statement, for a page as for one matter (DESIGN habit 16), and only those the actor sees.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "../../../db/client.js";
import { contacts, matters, users } from "../../../db/schema.js";
import { matterAbilities } from "../../../policies/matters.js";
import type { Actor } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentRates, ratesJson } from "../custom-rates.js";
import { matterVisibleTo } from "../matter-access.js";
import { qualified } from "../qualified.js";
import { refColumns, userRef } from "../user-ref.js";

const responsible = alias(users, "responsible");
const originating = alias(users, "originating");
const client = alias(contacts, "client");

export interface GroupRaw {
  id: string;
  name: string;
  archived: boolean;
}

/** A matter's access groups, archived ones marked, as a column of the matter's own statement. */
export function groupsJson(firmId: PgColumn, matterId: PgColumn): SQL<GroupRaw[]> {
  return sql<GroupRaw[]>`coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name, 'archived', g.archived_at is not null) order by g.name, g.id)
      from matter_groups mg join groups g on g.firm_id = mg.firm_id and g.id = mg.group_id
     where mg.firm_id = ${qualified(firmId)} and mg.matter_id = ${qualified(matterId)}), '[]'::json)`;
}

/** The list's order: matter numbers, whatever their case. */
export const matterSortKey = sql<string>`lower(${qualified(matters.number)})`;

/**
 * Matters of the actor's firm that the actor sees, with their references; `where` narrows them.
 * `asWritten` also finds one hidden from the actor: only to answer a change with the matter the
 * actor has just written, whose access may leave them out from now on.
 */
export function selectVisibleMatters(db: Executor, actor: Actor, where?: SQL, opts: { asWritten?: boolean } = {}) {
  const visible = matterVisibleTo(matters, actor.userId);
  return db
    .select({
      matter: matters,
      visible: sql<boolean>`${visible}`,
      sortKey: matterSortKey,
      responsible: refColumns(responsible),
      originating: refColumns(originating),
      client: { id: client.id, name: client.name },
      groups: groupsJson(matters.firmId, matters.id),
      rates: ratesJson("matter", matters.firmId, matters.id),
    })
    .from(matters)
    .innerJoin(responsible, and(eq(responsible.firmId, matters.firmId), eq(responsible.id, matters.responsibleAttorneyId)))
    .innerJoin(originating, and(eq(originating.firmId, matters.firmId), eq(originating.id, matters.originatingAttorneyId)))
    .leftJoin(client, and(eq(client.firmId, matters.firmId), eq(client.id, matters.clientId)))
    .where(and(eq(matters.firmId, actor.firmId), opts.asWritten ? undefined : visible, where))
    .$dynamic();
}

export type MatterRow = Awaited<ReturnType<ReturnType<typeof selectVisibleMatters>["execute"]>>[number];

export function presentMatter(row: MatterRow, actor: Actor) {
  const m = row.matter;
  return {
    id: m.id,
    number: m.number,
    description: m.description,
    status: m.status,
    status_changed_at: m.statusChangedAt.toISOString(),
    responsible_attorney: userRef(row.responsible),
    originating_attorney: userRef(row.originating),
    client: row.client,
    access: { kind: m.accessKind, group_ids: row.groups.map((g) => g.id), owner_id: m.accessOwnerId },
    groups: row.groups,
    custom_rates: presentRates(row.rates),
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
    abilities: matterAbilities(actor, m, Boolean(row.visible)),
  };
}

export type MatterOut = ReturnType<typeof presentMatter>;

/**
 * A matter the actor sees, locked for a change. Hidden, foreign and missing matters answer the
 * same 404 (SEC-1, PRC-7).
 */
export async function lockVisibleMatter(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select()
    .from(matters)
    .where(and(eq(matters.firmId, actor.firmId), eq(matters.id, id), matterVisibleTo(matters, actor.userId)))
    .for("no key update");
  if (!row) throw notFound("Matter");
  return row;
}

/** How the feed names a matter: by number, unless it is private (PRC-7). */
export const PRIVATE_MATTER_LABEL = "Private matter";
