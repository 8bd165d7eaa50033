/** An import as stored and as the API shows it (IMP-4, IMP-8). */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { charges, imports } from "../../db/schema.js";
import type { ImportOut } from "../../shared/import-schemas.js";
import { notFound } from "../errors.js";
import { presentCharge, type Charge } from "../licenses/license-state.js";

/** Every column but the error report, which only its download reads. */
const SUMMARY = {
  firmId: imports.firmId,
  id: imports.id,
  status: imports.status,
  fileName: imports.fileName,
  rows: imports.rows,
  imported: imports.imported,
  errorRows: imports.errorRows,
  roleIds: imports.roleIds,
  sendWelcomeEmail: imports.sendWelcomeEmail,
  errors: imports.errors,
  chargeId: imports.chargeId,
  createdById: imports.createdById,
  createdAt: imports.createdAt,
};

export type ImportSummary = Omit<typeof imports.$inferSelect, "errorReport">;

export function presentImport(row: ImportSummary, charge: Charge | null = null): ImportOut {
  return {
    id: row.id,
    status: row.status,
    file_name: row.fileName,
    rows: row.rows,
    imported: row.imported,
    error_rows: row.errorRows,
    errors: row.errors,
    role_ids: row.roleIds,
    send_welcome_email: row.sendWelcomeEmail,
    charge: charge ? presentCharge(charge) : null,
    created_at: row.createdAt.toISOString(),
  };
}

/** An import of the firm, without its report, with the charge it made; null for another firm's (SEC-1). */
export async function findImport(db: Executor, firmId: string, id: string): Promise<{ row: ImportSummary; charge: Charge | null } | null> {
  const [found] = await db
    .select({ row: SUMMARY, charge: charges })
    .from(imports)
    .leftJoin(charges, and(eq(charges.firmId, imports.firmId), eq(charges.id, imports.chargeId)))
    .where(and(eq(imports.firmId, firmId), eq(imports.id, id)));
  return found ?? null;
}

export const importNotFound = () => notFound("Import");
