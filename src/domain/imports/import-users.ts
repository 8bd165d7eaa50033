/**
 * IMP-2..6, LIC-7: imports the people of a CSV file already read (read-user-csv.ts), all or
 * nothing, in the caller's transaction. Every row is checked; if any fails, nobody is imported
 * and the import is kept as `failed` with its error report. Otherwise the licenses are
 * secured first (the subscription row locked, as for one invitation, so two imports at once
 * queue and the second finds what the first left), then every person is written set-based:
 * users, roles, invitations (sent now or created unsent, IMP-5), their emails to the outbox,
 * one feed entry, and the import itself.
 */
import { sql } from "drizzle-orm";
import { prepared, type Tx } from "../../db/client.js";
import { imports } from "../../db/schema.js";
import { invitationEmail } from "../../mail/templates/invitation.js";
import { requirePolicy } from "../../policies/authorize.js";
import { importPolicy } from "../../policies/imports.js";
import type { ImportOut } from "../../shared/import-schemas.js";
import { rethrowEmailConflict } from "../accounts/emails.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { loadFirm } from "../firms/load-firm.js";
import { invitationLink } from "../invitations/invitation-email.js";
import { INVITATION_TTL_MS, makeInvitationToken } from "../invitations/invitation-token.js";
import { assertFirmRoles } from "../invitations/invite-user.js";
import type { Charge } from "../licenses/license-state.js";
import { reserveLicenses } from "../licenses/reserve-licenses.js";
import { OUTBOX_CHANNEL } from "../outbox/enqueue-email.js";
import { newId } from "../secrets.js";
import { checkRows, type ImportedPerson, type RowProblem } from "./check-rows.js";
import { errorReport, firstProblems } from "./error-report.js";
import { presentImport } from "./import-record.js";
import type { ProgressReporter } from "./import-progress.js";
import { insertEmails, insertSlice } from "./insert-people.js";
import type { CsvFile } from "./read-user-csv.js";

export interface ImportInput {
  fileName: string | null;
  roleIds: string[];
  sendWelcomeEmail: boolean;
  confirmPurchase: boolean;
  appUrl: string;
}

/** People per statement: large enough to be cheap, small enough to show progress (IMP-8). */
const SLICE = 1000;
/** Imports at least this large refresh the statistics of the tables they fill. */
const ANALYZE_FROM = 500;

const takenEmails = prepared<{ email: string }>(
  "import_taken_emails",
  `select lower(email) as email from users where lower(email) = any($1::text[]) and status in ('invited', 'active')`,
);

/** IMP-3: emails already held by an invited or active user of any firm (USR-2). */
async function emailsInUse(tx: Tx, file: CsvFile): Promise<RowProblem[]> {
  const at = file.columns.indexOf("email");
  const emails = file.rows.map((r) => (r[at] ?? "").trim().toLowerCase());
  const taken = new Set((await takenEmails(tx, [[...new Set(emails.filter(Boolean))]])).map((r) => r.email));
  if (taken.size === 0) return [];
  return emails.flatMap((email, index) => (taken.has(email) ? [{ index, column: "email", message: "This email address is already in use." }] : []));
}

export async function importUsers(ctx: ActorContext, file: CsvFile, input: ImportInput, progress?: ProgressReporter): Promise<ImportOut> {
  const { tx, clock, actor } = ctx;
  requirePolicy(importPolicy.import(actor));
  const roleIds = [...new Set(input.roleIds)];
  const granted = await assertFirmRoles(tx, actor.firmId, roleIds);
  const { people, problems } = checkRows(file);
  problems.push(...(await emailsInUse(tx, file)));

  const now = clock.now();
  const id = newId();
  const row = {
    firmId: actor.firmId,
    id,
    fileName: input.fileName,
    rows: file.rows.length,
    roleIds,
    sendWelcomeEmail: input.sendWelcomeEmail,
    chargeId: null as string | null,
    createdById: actor.userId,
    createdAt: now,
  };
  const feed = { firmId: actor.firmId, actor: { id: actor.userId, name: actor.name }, subject: { type: "import", id, label: input.fileName ?? "CSV file" } };

  if (problems.length) {
    // IMP-4: nobody is imported; the report says, row by row, what to fix.
    const errorRows = new Set(problems.map((p) => p.index)).size;
    const failed = { ...row, status: "failed" as const, imported: 0, errorRows, errors: firstProblems(problems), errorReport: errorReport(file, problems) };
    await tx.insert(imports).values(failed);
    await recordActivity(tx, clock, { ...feed, kind: "import.failed", after: { rows: file.rows.length, error_rows: errorRows } });
    return presentImport(failed);
  }

  // LIC-7: a license per person, bought here only when the request confirms the purchase.
  const charge: Charge | null = await reserveLicenses(ctx, people.length, input.confirmPurchase);
  const done = { ...row, status: "completed" as const, imported: people.length, errorRows: 0, errors: [], chargeId: charge?.id ?? null };
  progress?.started({ ...presentImport(done, charge), status: "running", imported: 0 });

  const everyone = people as ImportedPerson[];
  const sentAt = input.sendWelcomeEmail ? now : null;
  const expiresAt = input.sendWelcomeEmail ? new Date(now.getTime() + INVITATION_TTL_MS) : null;
  const firmName = input.sendWelcomeEmail ? (await loadFirm(tx, actor.firmId)).firm.name : "";
  for (let start = 0; start < everyone.length; start += SLICE) {
    const slice = everyone.slice(start, start + SLICE);
    const userIds = slice.map(() => newId());
    const invitationIds = slice.map(() => newId());
    const tokens = input.sendWelcomeEmail ? invitationIds.map((invitationId) => makeInvitationToken(actor.firmId, invitationId)) : null;
    try {
      await insertSlice(tx, actor.firmId, { people: slice, userIds, invitationIds, tokenHashes: tokens?.map((t) => t.hash) ?? null }, { roleIds, inviterId: actor.userId, now, sentAt, expiresAt });
    } catch (err) {
      // An email taken since the check, by a request that committed meanwhile.
      rethrowEmailConflict(err);
    }
    if (tokens && expiresAt) {
      const payloads = slice.map((p, i) =>
        JSON.stringify(invitationEmail({ to: p.email, firmName, inviterName: actor.name, message: null, url: invitationLink(input.appUrl, tokens[i]!.token), expiresAt })),
      );
      await insertEmails(tx, actor.firmId, now, slice.map(() => newId()), payloads);
    }
    progress?.advanced(Math.min(start + SLICE, everyone.length));
  }
  if (input.sendWelcomeEmail) await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${id})`);
  // After a bulk load, fresh statistics (PostgreSQL's own advice): with the old ones the
  // planner takes thousands of new invitations for none, and the user list slows a hundredfold
  // until autovacuum comes by. Allowed in a transaction; it takes no lock that blocks writes.
  if (everyone.length >= ANALYZE_FROM) await tx.execute(sql`analyze users, user_roles, invitations`);
  await tx.insert(imports).values(done);
  await recordActivity(tx, clock, {
    ...feed,
    kind: "import.completed",
    after: {
      imported: people.length,
      roles: granted.map((r) => r.name).sort(),
      send_welcome_email: input.sendWelcomeEmail,
      ...(charge ? { licenses_bought: charge.count } : {}),
    },
  });
  return presentImport(done, charge);
}
