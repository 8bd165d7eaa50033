/**
 * IMP-8: an import that answered `running` (Prefer: respond-async) and then failed before its
 * commit left nothing behind: its transaction, licenses and charge included, rolled back. So that
 * whoever follows it learns how it ended, the failure is kept as a `failed` import of its own,
 * with the reason, and recorded in the feed.
 */
import { imports } from "../../db/schema.js";
import type { ImportOut } from "../../shared/import-schemas.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { presentImport } from "./import-record.js";

/** What the administrator is told: a rule's own words, never an internal error's. */
export function failureMessage(err: unknown): string {
  const why = err instanceof AppError ? err.message : "An unexpected error stopped it.";
  return `The import stopped before it finished, and nobody was imported. ${why} Upload the file again.`;
}

/** Keeps the running import `running` as failed, with `message`; answers it as the API shows it. */
export async function recordImportFailure({ tx, clock, actor }: ActorContext, running: ImportOut, message: string): Promise<ImportOut> {
  const failed = {
    firmId: actor.firmId,
    id: running.id,
    status: "failed" as const,
    fileName: running.file_name,
    rows: running.rows,
    imported: 0,
    errorRows: 0,
    roleIds: running.role_ids,
    sendWelcomeEmail: running.send_welcome_email,
    errors: [{ row: 0, column: "", message }],
    errorReport: null,
    chargeId: null,
    createdById: actor.userId,
    createdAt: new Date(running.created_at),
  };
  await tx.insert(imports).values(failed);
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    subject: { type: "import", id: running.id, label: running.file_name ?? "CSV file" },
    kind: "import.failed",
    after: { rows: running.rows, imported: 0, reason: message },
  });
  return presentImport(failed);
}
