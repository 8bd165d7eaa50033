/**
 * REA-1, DEA-7: the people work goes to. Each target must be an active user of the firm other
 * than the one whose work moves; they are locked FOR SHARE until the transaction ends, so
 * nobody is deactivated in the moment they receive work (src/domain/practice/chosen-users.ts).
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema.js";
import type { FieldError } from "../../shared/errors.js";
import { WORK_KINDS, type WorkKind } from "../../shared/reassignment-schemas.js";
import { notFound, validation } from "../errors.js";
import { choiceErrors, lockChosenUsers } from "../practice/chosen-users.js";
import { fullName } from "../users/user-record.js";

/** Who receives each kind of work; a kind without a target stays where it is. */
export type Targets = Partial<Record<WorkKind, string>>;

/** The targets of a body's `matters_to`, `tasks_to`, `events_to`. */
export function targetsOf(plan: { matters_to?: string; tasks_to?: string; events_to?: string }): Targets {
  const out: Targets = {};
  for (const kind of WORK_KINDS) {
    const id = plan[`${kind}_to`];
    if (id) out[kind] = id;
  }
  return out;
}

export const targetKinds = (targets: Targets): WorkKind[] => WORK_KINDS.filter((k) => targets[k]);

/**
 * Locks the targets and says what is wrong with each, all at once; `prefix` is where the
 * fields sit in the body (`reassign.` in a deactivation's).
 */
export async function lockTargets(tx: Executor, firmId: string, fromUserId: string, targets: Targets, prefix = ""): Promise<FieldError[]> {
  const kinds = targetKinds(targets);
  const statuses = await lockChosenUsers(tx, firmId, kinds.map((k) => targets[k]));
  return kinds.flatMap((kind) => {
    const path = `${prefix}${kind}_to`;
    const id = targets[kind]!;
    if (id === fromUserId && statuses.has(id)) return [{ path, message: "Choose someone other than the person whose work moves." }];
    return choiceErrors(statuses, [{ path, id }]);
  });
}

/** The person whose work moves: any active or deactivated user of the firm (REA-1). */
export interface Source {
  id: string;
  name: string;
}

/**
 * The source, by id: another firm's or an unknown id answers 404; an invited user holds no
 * work, so naming one is a field error. `lock` takes the user's row FOR NO KEY UPDATE, so two
 * reassignments of the same person's work run one after the other (REA-7).
 */
export async function findSource(db: Executor, firmId: string, id: string, opts: { lock?: boolean } = {}): Promise<Source> {
  const query = db
    .select({ id: users.id, status: users.status, firstName: users.firstName, lastName: users.lastName, email: users.email })
    .from(users)
    .where(and(eq(users.firmId, firmId), eq(users.id, id)))
    .$dynamic();
  const [row] = await (opts.lock ? query.for("no key update") : query);
  if (!row) throw notFound("User");
  if (row.status === "invited") throw validation([{ path: "from_user_id", message: "This user has not accepted their invitation yet, so holds no work." }]);
  return { id: row.id, name: fullName(row) };
}
