/**
 * PRC-2, PRC-4, DEA-7: who can be chosen for practice work. Only active users of the firm; a
 * user already in the field may stay there (a deactivated attorney stays named until someone
 * else is chosen), but once moved off, nobody can be put back.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema.js";
import type { FieldError } from "../../shared/errors.js";

export type UserStatus = "invited" | "active" | "deactivated";

/** One user chosen for a field; `kept` when the record names them there already. */
export interface Choice {
  path: string;
  id: string;
  kept?: boolean;
}

/**
 * The statuses of the given users of the firm, locked FOR SHARE until the transaction ends. A
 * deactivation locks its user FOR NO KEY UPDATE, which waits for this change, or this change
 * waits for it and then reads the user as deactivated: nobody is chosen in the moment they are
 * deactivated. Users are locked before the record they are chosen for, in id order, as a
 * deactivation locks its user before the work it touches, so the two never wait in a circle.
 */
export async function lockChosenUsers(tx: Executor, firmId: string, ids: (string | null | undefined)[]): Promise<Map<string, UserStatus>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))].sort();
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(and(eq(users.firmId, firmId), inArray(users.id, wanted)))
    .orderBy(users.id)
    .for("share");
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** The field errors of the choices, all at once (DESIGN habit 9). */
export function choiceErrors(statuses: Map<string, UserStatus>, choices: Choice[]): FieldError[] {
  return choices.flatMap(({ path, id, kept }) => {
    const status = statuses.get(id);
    if (!status) return [{ path, message: "No such user in this firm." }];
    if (kept || status === "active") return [];
    if (status === "invited") return [{ path, message: "This user has not accepted their invitation yet; only active users can be chosen." }];
    return [{ path, message: "This user is deactivated; only active users can be chosen." }];
  });
}

/** Each id once, in the order given, with the path of its first place in the list. */
export function distinct(ids: string[], path: string): { id: string; path: string }[] {
  const seen = new Set<string>();
  return ids.flatMap((id, i) => (seen.has(id) ? [] : (seen.add(id), [{ id, path: `${path}.${i}` }])));
}
