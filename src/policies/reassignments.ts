/** Who may reassign work and read what was reassigned (REA-1, REA-9). Pure functions. */
import type { Actor } from "../domain/context.js";

const managesUsers = (actor: Actor) => actor.permissions.has("users.manage");

export const reassignmentPolicy = {
  /** REA-1: administrators who manage users move anyone's work. */
  reassign: managesUsers,
  /** REA-9: the list, each reassignment and its report. */
  view: managesUsers,
};
