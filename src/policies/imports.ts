/** Who may import users and read imports (IMP). Pure functions. */
import type { Actor } from "../domain/context.js";

const managesUsers = (actor: Actor) => actor.permissions.has("users.manage");

export const importPolicy = {
  /** IMP-1..8: importing is inviting many people at once, so it needs what inviting needs. */
  import: managesUsers,
  /** An import's state, progress and error report. */
  view: managesUsers,
};
