/** The one place authorization is decided: throws a typed 403 when the policy says no. */
import type { Actor } from "../domain/context.js";
import { forbidden } from "../domain/errors.js";
import type { Permission } from "../shared/permissions.js";
import { userPolicy, type UserAction, type UserTarget } from "./users.js";

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Require a firm-wide permission. */
export function requirePermission(actor: Actor, permission: Permission, detail?: string): void {
  if (!can(actor, permission)) throw forbidden(detail);
}

/** Require a policy's yes, for rules that are not about one user record. */
export function requirePolicy(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

/** Require the policy's consent to act on a user; returns the target, narrowed. */
export function authorize<T extends UserTarget>(actor: Actor, action: UserAction, target: T): T {
  if (!userPolicy[action](actor, target)) throw forbidden();
  return target;
}
