/** IMP-8: an import as it stands: running (in this process), completed or failed. */
import { requirePolicy } from "../../policies/authorize.js";
import { importPolicy } from "../../policies/imports.js";
import type { ImportOut } from "../../shared/import-schemas.js";
import type { ReadContext } from "../context.js";
import { findImport, importNotFound, presentImport } from "./import-record.js";
import type { ImportProgress } from "./import-progress.js";

export async function getImport({ db, actor }: ReadContext, id: string, progress: ImportProgress): Promise<ImportOut> {
  requirePolicy(importPolicy.view(actor));
  const running = progress.running(actor.firmId, id);
  if (running) return running.current;
  const found = await findImport(db, actor.firmId, id);
  if (!found) throw importNotFound();
  return presentImport(found.row, found.charge);
}
