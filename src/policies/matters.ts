/**
 * Who may do what to a matter (PRC-1, GRP-3, GRP-4). Pure functions. Whether the actor sees the
 * matter at all is decided in the query (src/domain/practice/matter-access.ts): every function
 * here is asked only about a matter the actor already sees.
 */
import { whileOpen } from "./closed-firm.js";
import type { Actor } from "../domain/context.js";

export interface MatterTarget {
  accessKind: "everyone" | "groups" | "private";
  accessOwnerId: string | null;
}

export const matterPolicy = {
  create: (actor: Actor) => actor.permissions.has("matters.create"),
  /** Number, description, status, attorneys, client. */
  edit: (actor: Actor, _matter: MatterTarget) => actor.permissions.has("matters.edit"),
  /** GRP-3: who sees it. */
  change_access: (actor: Actor, _matter: MatterTarget) => actor.permissions.has("matters.access"),
  /** GRP-4: its custom billing rates. */
  manage_rates: (actor: Actor, _matter: MatterTarget) => actor.permissions.has("rates.manage"),
  /** PRC-7: a private matter belongs to whoever makes it private, never to someone else by their hand. */
  make_private_for: (actor: Actor, ownerId: string) => ownerId === actor.userId,
};

export type MatterAction = Exclude<keyof typeof matterPolicy, "create" | "make_private_for">;

/**
 * What the actor may do to the matter, sent with it (DESIGN habit 3). `visible` is false only
 * when a change has just left the actor out of the matter's access: they may do nothing more.
 */
export function matterAbilities(actor: Actor, matter: MatterTarget, visible = true): Record<MatterAction | "view", boolean> {
  return whileOpen(actor, {
    view: visible,
    edit: visible && matterPolicy.edit(actor, matter),
    change_access: visible && matterPolicy.change_access(actor, matter),
    manage_rates: visible && matterPolicy.manage_rates(actor, matter),
  });
}
