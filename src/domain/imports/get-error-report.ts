/** IMP-4: the error report of a failed import, as stored when it failed (SEC-6 safe). */
import { and, eq } from "drizzle-orm";
import { imports } from "../../db/schema.js";
import { requirePolicy } from "../../policies/authorize.js";
import { importPolicy } from "../../policies/imports.js";
import type { ReadContext } from "../context.js";
import { importNotFound } from "./import-record.js";

/** The report's CSV text and a file name for it; 404 when the import has none (it completed). */
export async function getErrorReport({ db, actor }: ReadContext, id: string): Promise<{ csv: string; fileName: string }> {
  requirePolicy(importPolicy.view(actor));
  const [row] = await db
    .select({ report: imports.errorReport, fileName: imports.fileName })
    .from(imports)
    .where(and(eq(imports.firmId, actor.firmId), eq(imports.id, id)));
  if (!row?.report) throw importNotFound();
  const base = (row.fileName ?? "import").replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._ -]/g, "_").slice(0, 100) || "import";
  return { csv: row.report, fileName: `${base}-errors.csv` };
}
