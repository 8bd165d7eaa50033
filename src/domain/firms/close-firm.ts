/**
 * CLS-1, CLS-2: an administrator closes the firm's account, with a reason, their password and the
 * firm's name typed exactly. In one transaction: the firm is marked closed; every session, API
 * token and SCIM token ends (everyone is signed out at once); every scheduled job of the firm
 * (renewals, scheduled deactivations) is cancelled and pending license removals are dropped, so
 * nothing is charged again (LIC-6); the purge and its reminder are scheduled; the feed records it
 * and the administrators are told. From then on the auth layer refuses every change (firm_closed).
 */
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { firmClosures, firms, jobs, scimTokens, sessions, subscriptions, users } from "../../db/schema.js";
import { purgeDateOf, purgeNoticeDateOf } from "../../shared/closing.js";
import { firmClosingEmail } from "../../mail/templates/firm-closing.js";
import type { Clock } from "../clock.js";
import type { Actor } from "../context.js";
import { AppError, firmClosed, validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { notify } from "../notifications/notify.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { scheduleJob } from "../scheduling/schedule-job.js";
import { firmAdministrators } from "../users/firm-administrators.js";
import { checkOwnPassword, WRONG_PASSWORD } from "./confirm-password.js";
import { loadFirmWithSso } from "./load-firm.js";

export const FIRM_CLOSED = "firm.closed";
export const PURGE_NOTICE_JOB = "firm.purge_notice";
export const PURGE_JOB = "firm.purge";

export interface CloseFirmInput {
  reason: string;
  password: string;
  firm_name: string;
}

type FirmRow = typeof firms.$inferSelect;

async function lockFirm(tx: Tx, firmId: string): Promise<FirmRow> {
  const [firm] = await tx.select().from(firms).where(eq(firms.id, firmId)).for("update");
  if (!firm) throw new AppError("not_found", "Firm not found.");
  if (firm.status !== "active") throw firmClosed();
  return firm;
}

/** CLS-1: closes the actor's firm; answers the firm as it now is. */
export async function closeFirm(db: Db, clock: Clock, actor: Actor, input: CloseFirmInput) {
  const password = await checkOwnPassword(db, actor, input.password);
  return db.transaction(async (tx) => {
    const firm = await lockFirm(tx, actor.firmId);
    const [self] = await tx
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.firmId, firm.id), eq(users.id, actor.userId)))
      .for("update");
    const errors = [];
    if (!password.stillRight(self?.passwordHash ?? null)) errors.push(WRONG_PASSWORD);
    // Exactly as the firm is named: no trimming, no case folding.
    if (input.firm_name !== firm.name) {
      errors.push({ path: "firm_name", message: "Type the firm's name exactly as it is shown, with the same capitals and spaces." });
    }
    if (errors.length) throw validation(errors);

    const now = clock.now();
    const purgeAt = purgeDateOf(now);
    await tx.update(firms).set({ status: "closed", closedAt: now, updatedAt: now }).where(eq(firms.id, firm.id));
    await tx.insert(firmClosures).values({ firmId: firm.id, closedById: actor.userId, closedByName: actor.name, reason: input.reason, closedAt: now, purgeAt });

    // Everyone signed out at once: cookie sessions, API tokens and the identity provider's tokens.
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.firmId, firm.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await tx.update(scimTokens).set({ revokedAt: now }).where(and(eq(scimTokens.firmId, firm.id), isNull(scimTokens.revokedAt)));

    // Nothing scheduled runs any more: no renewal (LIC-6), no scheduled deactivation or removal.
    const cancelled = await tx
      .update(jobs)
      .set({ status: "cancelled", finishedAt: now })
      .where(and(eq(jobs.firmId, firm.id), eq(jobs.status, "pending")))
      .returning({ kind: jobs.kind });
    await tx.update(subscriptions).set({ pendingRemoval: 0, updatedAt: now }).where(eq(subscriptions.firmId, firm.id));
    await tx.update(users).set({ scheduledDeactivationAt: null }).where(and(eq(users.firmId, firm.id), isNotNull(users.scheduledDeactivationAt)));

    await scheduleJob(tx, clock, { firmId: firm.id, kind: PURGE_NOTICE_JOB, runAt: purgeNoticeDateOf(purgeAt) });
    await scheduleJob(tx, clock, { firmId: firm.id, kind: PURGE_JOB, runAt: purgeAt });

    await recordActivity(tx, clock, {
      firmId: firm.id,
      actor: { id: actor.userId, name: actor.name },
      kind: FIRM_CLOSED,
      subject: { type: "firm", id: firm.id, label: firm.name },
      before: { status: "active", reason: null, purge_at: null },
      after: { status: "closed", reason: input.reason, purge_at: purgeAt.toISOString(), sessions_ended: ended.length, scheduled_jobs_cancelled: cancelled.length },
    });
    await tellAdministrators(tx, clock, firm, purgeAt, false);
    return loadFirmWithSso(tx, firm.id);
  });
}

/** Every administrator of the firm gets a notification and an email saying when the data goes. */
export async function tellAdministrators(tx: Tx, clock: Clock, firm: { id: string; name: string }, purgeAt: Date, reminder: boolean) {
  const when = purgeAt.toISOString().slice(0, 10);
  for (const admin of await firmAdministrators(tx, firm.id)) {
    await notify(tx, clock, {
      firmId: firm.id,
      userId: admin.id,
      kind: reminder ? "firm.purge_notice" : FIRM_CLOSED,
      title: reminder ? `${firm.name}'s data will be deleted on ${when}` : `${firm.name}'s account was closed`,
      body: `The data stays read-only until ${when}, then it is deleted for good. Download the export from the Account page before then.`,
      data: { firm_id: firm.id, purge_at: purgeAt.toISOString() },
    });
    await enqueueEmail(tx, clock, firm.id, reminder ? "firm.purge_notice" : FIRM_CLOSED, firmClosingEmail({ to: admin.email, firstName: admin.firstName, firmName: firm.name, purgeAt, reminder }));
  }
}
