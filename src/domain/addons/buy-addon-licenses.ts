/**
 * ADD-1, ADD-3: buying an add-on's licenses, effective at once with the prorated charge (LIC-3),
 * or starting its free trial. While a trial runs, more licenses join it free and convert with it.
 */
import { and, eq } from "drizzle-orm";
import { addons } from "../../db/schema.js";
import { ADDON_NAMES, ADDON_TRIAL_DAYS, type AddonKey } from "../../shared/pricing.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { insertCharge, lockSubscription } from "../licenses/license-state.js";
import { scheduleJob } from "../scheduling/schedule-job.js";
import { addonQuote, allocatedCount, lockAddon, presentAddon } from "./addon-state.js";
import { ADDON_TRIAL_JOB } from "./convert-addon-trial.js";

const DAY_MS = 86_400_000;
const plural = (n: number) => `${n} license${n === 1 ? "" : "s"}`;

export async function buyAddonLicenses({ tx, clock, actor }: ActorContext, key: AddonKey, input: { count: number; trial?: boolean }) {
  const sub = await lockSubscription(tx, actor.firmId);
  const addon = await lockAddon(tx, actor.firmId, key);
  const now = clock.now();
  const feed = { firmId: actor.firmId, actor: { id: actor.userId, name: actor.name } };
  const subject = { type: "addon", id: key, label: `${ADDON_NAMES[key]}: ${plural(input.count)}` };

  if (input.trial) {
    const days = ADDON_TRIAL_DAYS[key];
    if (days === undefined) throw validation([{ path: "trial", message: `${ADDON_NAMES[key]} has no trial.` }]);
    if (addon !== null) throw new AppError("addon_trial_unavailable", `The firm already had ${ADDON_NAMES[key]}; its trial is only for a first start.`);
    const trialEndsAt = new Date(now.getTime() + days * DAY_MS);
    const [row] = await tx
      .insert(addons)
      .values({ firmId: actor.firmId, key, status: "trial", totalLicenses: input.count, trialStartedAt: now, trialEndsAt, createdAt: now, updatedAt: now })
      .returning();
    await scheduleJob(tx, clock, { firmId: actor.firmId, kind: ADDON_TRIAL_JOB, runAt: trialEndsAt, payload: { addon_key: key } });
    await recordActivity(tx, clock, { ...feed, kind: "addon.trial_started", subject, before: { total_licenses: 0 }, after: { total_licenses: input.count, trial_ends_at: trialEndsAt } });
    return { addon: presentAddon(key, row!, 0, sub), charge: null };
  }

  const quote = addonQuote(key, addon, sub, input.count, now);
  const before = addon?.status === "opted_out" ? 0 : (addon?.totalLicenses ?? 0);
  const total = before + input.count;
  const status = addon?.status === "trial" ? "trial" : "active";
  const [row] = addon
    ? await tx
        .update(addons)
        .set({ status, totalLicenses: total, updatedAt: now })
        .where(and(eq(addons.firmId, actor.firmId), eq(addons.key, key)))
        .returning()
    : await tx.insert(addons).values({ firmId: actor.firmId, key, status, totalLicenses: total, createdAt: now, updatedAt: now }).returning();
  const charge =
    status === "trial"
      ? null
      : await insertCharge(tx, sub, {
          kind: "addon_licenses",
          addonKey: key,
          count: input.count,
          amountCents: quote.amount_cents,
          periodStart: now,
          periodEnd: sub.periodEnd,
          createdById: actor.userId,
          createdAt: now,
        });
  await recordActivity(tx, clock, {
    ...feed,
    kind: "addon.purchased",
    subject,
    before: { total_licenses: before },
    after: { total_licenses: total, charge_cents: charge?.amountCents ?? 0, ...(status === "trial" ? { trial: true } : {}) },
  });
  return { addon: presentAddon(key, row!, await allocatedCount(tx, actor.firmId, key), sub), charge };
}
