/** The job kinds the scheduler knows. Each area registers its own here as it arrives. */
import { ADDON_TRIAL_JOB, convertAddonTrial } from "../domain/addons/convert-addon-trial.js";
import { renewSubscription, RENEW_JOB } from "../domain/licenses/renew-subscription.js";
import { DEACTIVATE_JOB } from "../domain/users/deactivation-jobs.js";
import { runScheduledDeactivation } from "../domain/users/run-scheduled-deactivation.js";
import { PURGE_JOB, PURGE_NOTICE_JOB } from "../domain/firms/close-firm.js";
import { purgeFirm, sendPurgeNotice } from "../domain/firms/purge-firm.js";
import type { Scheduler } from "./scheduler.js";

export function registerJobHandlers(scheduler: Scheduler): void {
  scheduler.register(RENEW_JOB, async ({ tx, clock, job }) => {
    await renewSubscription(tx, clock, job.firmId);
  });
  scheduler.register(ADDON_TRIAL_JOB, async ({ tx, clock, job }) => {
    await convertAddonTrial(tx, clock, job.firmId, job.payload);
  });
  scheduler.register(DEACTIVATE_JOB, async ({ tx, clock, job }) => {
    await runScheduledDeactivation(tx, clock, job.firmId, job.payload);
  });
  // CLS-2: a closed firm's reminder, then the deletion of its data.
  scheduler.register(PURGE_NOTICE_JOB, async ({ tx, clock, job }) => {
    await sendPurgeNotice(tx, clock, job.firmId);
  });
  scheduler.register(PURGE_JOB, async ({ tx, clock, job }) => {
    await purgeFirm(tx, clock, job.firmId);
  });
}
