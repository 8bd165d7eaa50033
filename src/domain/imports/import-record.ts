/** An import as stored and as the API shows it (IMP-4, IMP-8). */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { imports } from "../../db/schema.js";
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

/** An import of the firm, without its report; 404 for another firm's (SEC-1). */
export async function findImport(db: Executor, firmId: string, id: string): Promise<ImportSummary | null> {
  const [row] = await db.select(SUMMARY).from(imports).where(and(eq(imports.firmId, firmId), eq(imports.id, id)));
  return row ?? null;
}

export const importNotFound = () => notFound("Import");
