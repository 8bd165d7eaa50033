/**
 * GRP-3, PRC-7, GRP-2: which matters a user may see, as one SQL condition that every read of a
 * matter, and of a task, event or thread of a matter, puts in its WHERE clause (DESIGN habit 4):
 *
 * - `everyone`: every user of the firm;
 * - `groups`: members of the matter's unarchived groups, and its responsible and originating
 *   attorneys (an archived group admits nobody);
 * - `private`: its owner alone: administrators are nobody special here.
 *
 * Anything a user may not see answers exactly as something that does not exist.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.js";
import { matters } from "../../db/schema.js";
import { qualified } from "./qualified.js";
import type { Actor } from "../context.js";

type MatterColumns = Record<"firmId" | "id" | "accessKind" | "accessOwnerId" | "responsibleAttorneyId" | "originatingAttorneyId", PgColumn>;

/** True for the rows of `m` (the matters table, or a left-joined alias of it) the user may see. */
export function matterVisibleTo(m: MatterColumns, userId: string): SQL {
  const [kind, owner, responsible, originating] = [m.accessKind, m.accessOwnerId, m.responsibleAttorneyId, m.originatingAttorneyId].map(qualified);
  return sql`(${kind} = 'everyone'
    or (${kind} = 'private' and ${owner} = ${userId})
    or (${kind} = 'groups' and (${responsible} = ${userId} or ${originating} = ${userId}
        or exists (select 1 from matter_groups mg
                     join groups g on g.firm_id = mg.firm_id and g.id = mg.group_id and g.archived_at is null
                     join group_members gm on gm.firm_id = mg.firm_id and gm.group_id = mg.group_id and gm.user_id = ${userId}
                    where mg.firm_id = ${qualified(m.firmId)} and mg.matter_id = ${qualified(m.id)}))))`;
}

/** For a record that may belong to a matter: no matter, or one the user may see. */
export function ownMatterVisibleTo(matterId: PgColumn, m: MatterColumns, userId: string): SQL {
  return sql`(${qualified(matterId)} is null or ${matterVisibleTo(m, userId)})`;
}

export interface MatterSummary {
  id: string;
  number: string;
  description: string;
  status: "open" | "pending" | "closed";
  isPrivate: boolean;
}

export const NO_SUCH_MATTER = "No such matter.";

/**
 * A matter the actor may see, to put a task, event or thread on it, or null. One that does not
 * exist, belongs to another firm or is hidden from the actor gives the same answer (the caller
 * names the field with NO_SUCH_MATTER).
 */
export async function findVisibleMatter(db: Executor, actor: Actor, matterId: string): Promise<MatterSummary | null> {
  const [row] = await db
    .select({ id: matters.id, number: matters.number, description: matters.description, status: matters.status, accessKind: matters.accessKind })
    .from(matters)
    .where(and(eq(matters.firmId, actor.firmId), eq(matters.id, matterId), matterVisibleTo(matters, actor.userId)));
  return row ? { id: row.id, number: row.number, description: row.description, status: row.status, isPrivate: row.accessKind === "private" } : null;
}
