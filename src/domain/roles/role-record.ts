/** Roles and how many people hold each. */
import { and, eq, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { roles, userRoles } from "../../db/schema.js";
import { AppError, notFound } from "../errors.js";

export type RoleRow = typeof roles.$inferSelect;

export async function lockRole(tx: Tx, firmId: string, id: string): Promise<RoleRow> {
  const [row] = await tx.select().from(roles).where(and(eq(roles.firmId, firmId), eq(roles.id, id))).for("no key update");
  if (!row) throw notFound("Role");
  return row;
}

export async function holders(db: Executor, firmId: string, roleId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(userRoles).where(and(eq(userRoles.firmId, firmId), eq(userRoles.roleId, roleId)));
  return Number(row?.n ?? 0);
}

/** ROL-1: built-in roles are read-only. */
export function assertCustom(role: RoleRow): void {
  if (role.systemKey) throw new AppError("role_immutable", `${role.name} is a built-in role and cannot be changed or deleted.`);
}

export const roleNameTaken = () =>
  new AppError("conflict", "Another role already has this name.", {}, [{ path: "name", message: "Another role already has this name." }]);

/** A unique-index conflict on the role's name answers as a taken name. */
export function rethrowRoleNameConflict(err: unknown): never {
  const e = err as { code?: string; cause?: { code?: string } };
  if ((e.code ?? e.cause?.code) === "23505") throw roleNameTaken();
  throw err;
}

export async function assertRoleNameFree(tx: Tx, firmId: string, name: string, exceptId?: string): Promise<void> {
  const rows = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.firmId, firmId), sql`lower(${roles.name}) = ${name.toLowerCase()}`));
  if (rows.some((r) => r.id !== exceptId)) throw roleNameTaken();
}

export function presentRole(r: RoleRow, heldBy: number) {
  return { id: r.id, name: r.name, system: r.systemKey !== null, permissions: [...r.permissions].sort(), holders: heldBy };
}
