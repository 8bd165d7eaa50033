/**
 * USR-7: one change made to many selected users: add to a group, remove from a group, sign out
 * everywhere. Each user's change is the single-user use case itself (PATCH of groups, SES-2's
 * sign-out), run in a savepoint of its own, so it is checked exactly as if made alone: a user
 * refused is named with the same code and words, and changes nothing, while the others go on.
 */
import { and, eq } from "drizzle-orm";
import { groupMembers, groups } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import type { BulkUsersBody, BulkUsersOut } from "../../shared/import-schemas.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import { signOutEverywhere } from "../sessions/sign-out-everywhere.js";
import { lockUser } from "./lock-user.js";
import { updateUser } from "./update-user.js";

type Change = (ctx: ActorContext, userId: string) => Promise<void>;

/** The group a group action names: of this firm, and unarchived to be joined (GRP-2). */
async function groupOf(ctx: ActorContext, id: string, joining: boolean) {
  const [group] = await ctx.tx.select().from(groups).where(and(eq(groups.firmId, ctx.actor.firmId), eq(groups.id, id)));
  if (!group) throw validation([{ path: "group_id", message: "No such group in this firm." }]);
  if (joining && group.archivedAt) throw validation([{ path: "group_id", message: "This group is archived." }]);
  return group;
}

/** Joins or leaves one group through the user's own edit of groups, keeping every other membership. */
function membership(groupId: string, joining: boolean): Change {
  return async (ctx, userId) => {
    const user = await lockUser(ctx.tx, ctx.actor.firmId, userId);
    // DEA-7: deactivated users cannot be chosen for groups.
    if (joining && user.status === "deactivated") throw new AppError("user_not_active", "Deactivated users cannot join groups.");
    const rows = await ctx.tx
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.firmId, ctx.actor.firmId), eq(groupMembers.userId, userId)));
    const current = rows.map((r) => r.groupId);
    if (current.includes(groupId) === joining) {
      // Already as asked: nothing to write, but the user must still be one the actor may change.
      authorize(ctx.actor, "change_groups", user);
      return;
    }
    const wanted = joining ? [...current, groupId] : current.filter((g) => g !== groupId);
    await updateUser(ctx, userId, { group_ids: wanted });
  };
}

export async function bulkChangeUsers(ctx: ActorContext, input: BulkUsersBody): Promise<BulkUsersOut> {
  let change: Change;
  if (input.action === "sign_out_everywhere") {
    change = async (c, userId) => void (await signOutEverywhere(c, userId));
  } else {
    const joining = input.action === "add_to_group";
    const group = await groupOf(ctx, input.group_id!, joining);
    change = membership(group.id, joining);
  }
  const ids = [...new Set(input.user_ids)];
  const outcome = new Map<string, { code: string; detail: string } | null>();
  // Users are locked in one order whatever the request's, so two bulk changes never deadlock.
  for (const userId of [...ids].sort()) {
    try {
      await ctx.tx.transaction((sp) => change({ ...ctx, tx: sp }, userId));
      outcome.set(userId, null);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcome.set(userId, { code: err.code, detail: err.message });
    }
  }
  return {
    updated: ids.filter((id) => outcome.get(id) === null),
    refused: ids.flatMap((id) => {
      const why = outcome.get(id);
      return why ? [{ user_id: id, ...why }] : [];
    }),
  };
}
