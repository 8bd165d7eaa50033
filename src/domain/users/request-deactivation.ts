/**
 * DEA-1, DEA-9, REA-1: an administrator's request to deactivate a user, now or at `at`. Any
 * reassignment target must be another active user of the firm.
 */
import { and, eq, inArray } from "drizzle-orm";
import { users } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { deactivateUser } from "./deactivate-user.js";
import { scheduleDeactivation } from "./schedule-deactivation.js";

export interface DeactivationRequest {
  remove_license_at_next_bill?: boolean;
  reassign?: Record<string, string | undefined>;
  at?: string;
}

async function assertActiveTargets(ctx: ActorContext, fromId: string, targets: Record<string, string | undefined>) {
  const wanted = Object.values(targets).filter((id): id is string => Boolean(id));
  const rows = wanted.length
    ? await ctx.tx.select({ id: users.id, status: users.status }).from(users).where(and(eq(users.firmId, ctx.actor.firmId), inArray(users.id, wanted)))
    : [];
  const active = new Set(rows.filter((r) => r.status === "active").map((r) => r.id));
  const errors = Object.entries(targets)
    .filter(([, id]) => id && (!active.has(id) || id === fromId))
    .map(([field]) => ({ path: `reassign.${field}`, message: "Choose another active user of the firm." }));
  if (errors.length) throw validation(errors);
}

export async function requestDeactivation(ctx: ActorContext, userId: string, body: DeactivationRequest): Promise<void> {
  const opts = { removeLicenseAtNextBill: body.remove_license_at_next_bill ?? false };
  if (body.reassign) await assertActiveTargets(ctx, userId, body.reassign);
  if (body.at) await scheduleDeactivation(ctx, userId, new Date(body.at), opts);
  else await deactivateUser(ctx, userId, opts);
}
