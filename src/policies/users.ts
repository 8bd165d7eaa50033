/** Who may do what to a user (ACC-3, ACC-4, ACC-5, ROL-7, DEA-1). Pure functions. */
import { whileOpen } from "./closed-firm.js";
import type { Actor } from "../domain/context.js";
import { feedPolicy } from "./feed.js";

export interface UserTarget {
  id: string;
  status: "invited" | "active" | "deactivated";
  isPrimarySubscriber: boolean;
  scheduledDeactivationAt?: Date | null;
}

const manages = (actor: Actor) => actor.permissions.has("users.manage");
const isSelf = (actor: Actor, target: UserTarget) => actor.userId === target.id;

export const userPolicy = {
  /** Colleagues see active people; invited and deactivated ones only managers of users (USR-4). */
  view: (actor: Actor, target: UserTarget) => target.status === "active" || manages(actor) || isSelf(actor, target),
  /** Profile fields: oneself, or a manager of users, never the primary subscriber's but by themself. */
  edit: (actor: Actor, target: UserTarget) =>
    isSelf(actor, target) || (manages(actor) && !target.isPrimarySubscriber && target.status !== "deactivated"),
  /** ROL-7: never one's own roles, but the primary subscriber's own are theirs alone (ACC-4, ROL-6). */
  change_roles: (actor: Actor, target: UserTarget) =>
    manages(actor) && (isSelf(actor, target) ? target.isPrimarySubscriber : !target.isPrimarySubscriber),
  change_groups: (actor: Actor, target: UserTarget) =>
    manages(actor) && (isSelf(actor, target) || !target.isPrimarySubscriber),
  change_subscription_type: (actor: Actor, target: UserTarget) =>
    manages(actor) && (isSelf(actor, target) || !target.isPrimarySubscriber),
  change_email: (actor: Actor, target: UserTarget) =>
    target.status === "active" && (isSelf(actor, target) || (manages(actor) && !target.isPrimarySubscriber)),
  deactivate: (actor: Actor, target: UserTarget) =>
    manages(actor) && !target.isPrimarySubscriber && !isSelf(actor, target) && target.status === "active",
  reactivate: (actor: Actor, target: UserTarget) => manages(actor) && target.status === "deactivated",
  sign_out_everywhere: (actor: Actor, target: UserTarget) =>
    manages(actor) && (!target.isPrimarySubscriber || isSelf(actor, target)),
  /** SES-2: as signing out everywhere; the primary subscriber's sessions are theirs alone to see here. */
  view_sessions: (actor: Actor, target: UserTarget) =>
    manages(actor) && (!target.isPrimarySubscriber || isSelf(actor, target)),
  /** FEED-3: their activity on their page, as GET /users/{id}/activity decides. */
  view_activity: (actor: Actor, target: UserTarget) => feedPolicy.view_activity_of(actor, target.id),
  /** SES-3: as signing out everywhere: the primary subscriber's second factor is theirs alone. */
  reset_two_factor: (actor: Actor, target: UserTarget) =>
    manages(actor) && target.status !== "invited" && (!target.isPrimarySubscriber || isSelf(actor, target)),
  /** ADD-1: add-ons go to active users only, and come back from anyone at any time. */
  allocate_addons: (actor: Actor, target: UserTarget) => manages(actor) && target.status === "active",
  deallocate_addons: (actor: Actor, _target: UserTarget) => manages(actor),
  resend_invitation: (actor: Actor, target: UserTarget) => manages(actor) && target.status === "invited",
  revoke_invitation: (actor: Actor, target: UserTarget) => manages(actor) && target.status === "invited",
  cancel_scheduled_deactivation: (actor: Actor, target: UserTarget) =>
    manages(actor) && target.status === "active" && target.scheduledDeactivationAt != null,
} satisfies Record<string, (actor: Actor, target: UserTarget) => boolean>;

export type UserAction = keyof typeof userPolicy;

/** Every ability of the actor on the user, sent with the record for the console (DESIGN habit 3). */
export function userAbilities(actor: Actor, target: UserTarget): Record<UserAction, boolean> {
  const out = {} as Record<UserAction, boolean>;
  for (const action of Object.keys(userPolicy) as UserAction[]) out[action] = userPolicy[action](actor, target);
  return whileOpen(actor, out);
}
