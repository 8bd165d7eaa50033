/**
 * Secure-message threads with their participants, creator, matter and message count in one
 * statement (DESIGN habit 16). A thread is seen by the users taking part in it and, when it
 * belongs to a matter, by whoever sees the matter; never when its matter is hidden from the
 * actor (GRP-3, PRC-7). So a deactivated user's thread stays visible to others only through a
 * matter or another user taking part (DEA-6), and to nobody else, administrators included.
 */
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "../../../db/client.js";
import { matters, messageThreads, users } from "../../../db/schema.js";
import { threadAbilities } from "../../../policies/threads.js";
import type { Actor } from "../../context.js";
import { notFound } from "../../errors.js";
import { ownMatterVisibleTo } from "../matter-access.js";
import { qualified } from "../qualified.js";
import { refColumns, refJson, userRef, type RefRow } from "../user-ref.js";

const creator = alias(users, "creator");

/** The actor takes part in the thread. */
const takesPart = (actor: Actor) =>
  sql<boolean>`exists (select 1 from thread_users tu where tu.firm_id = ${qualified(messageThreads.firmId)} and tu.thread_id = ${qualified(messageThreads.id)} and tu.user_id = ${actor.userId})`;

/** GRP-3, PRC-7, DEA-6: the threads the actor sees. */
export const threadVisibleTo = (actor: Actor): SQL =>
  and(
    eq(messageThreads.firmId, actor.firmId),
    ownMatterVisibleTo(messageThreads.matterId, matters, actor.userId),
    or(sql`${qualified(messageThreads.matterId)} is not null`, takesPart(actor)),
  )!;

const matterJoin = and(eq(matters.firmId, messageThreads.firmId), eq(matters.id, messageThreads.matterId));

export function selectVisibleThreads(db: Executor, actor: Actor, where?: SQL) {
  return db
    .select({
      thread: messageThreads,
      createdBy: refColumns(creator),
      matter: { id: matters.id, number: matters.number, description: matters.description },
      users: sql<RefRow[]>`coalesce((select json_agg(${refJson("pu")} order by pu.last_name, pu.first_name, pu.id)
          from thread_users tu join users pu on pu.firm_id = tu.firm_id and pu.id = tu.user_id
         where tu.firm_id = ${qualified(messageThreads.firmId)} and tu.thread_id = ${qualified(messageThreads.id)}), '[]'::json)`,
      contacts: sql<{ id: string; name: string }[]>`coalesce((select json_agg(json_build_object('id', pc.id, 'name', pc.name) order by lower(pc.name), pc.id)
          from thread_contacts tc join contacts pc on pc.firm_id = tc.firm_id and pc.id = tc.contact_id
         where tc.firm_id = ${qualified(messageThreads.firmId)} and tc.thread_id = ${qualified(messageThreads.id)}), '[]'::json)`,
      messageCount: sql<number>`(select count(*)::int from messages ms where ms.firm_id = ${qualified(messageThreads.firmId)} and ms.thread_id = ${qualified(messageThreads.id)})`,
      isParticipant: takesPart(actor),
    })
    .from(messageThreads)
    .innerJoin(creator, and(eq(creator.firmId, messageThreads.firmId), eq(creator.id, messageThreads.createdById)))
    .leftJoin(matters, matterJoin)
    .where(and(threadVisibleTo(actor), where))
    .$dynamic();
}

export type ThreadRow = Awaited<ReturnType<ReturnType<typeof selectVisibleThreads>["execute"]>>[number];

export function presentThread(row: ThreadRow, actor: Actor) {
  const t = row.thread;
  return {
    id: t.id,
    subject: t.subject,
    matter: row.matter,
    participant_users: row.users.map(userRef),
    participant_contacts: row.contacts,
    created_by: userRef(row.createdBy),
    created_at: t.createdAt.toISOString(),
    last_activity_at: t.lastActivityAt.toISOString(),
    message_count: Number(row.messageCount),
    abilities: threadAbilities(actor, { isParticipant: Boolean(row.isParticipant) }),
  };
}

/** A thread the actor sees, locked to add to it, with whether they take part and its matter's privacy. */
export async function lockVisibleThread(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ thread: messageThreads, isParticipant: takesPart(actor), matterAccess: matters.accessKind })
    .from(messageThreads)
    .leftJoin(matters, matterJoin)
    .where(and(threadVisibleTo(actor), eq(messageThreads.id, id)))
    .for("no key update", { of: messageThreads });
  if (!row) throw notFound("Message thread");
  return { ...row.thread, isParticipant: Boolean(row.isParticipant), onPrivateMatter: row.matterAccess === "private" };
}

export const PRIVATE_THREAD_LABEL = "Thread of a private matter";
