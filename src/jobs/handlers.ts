/** The job kinds the scheduler knows. Each area registers its own here as it arrives. */
import type { Scheduler } from "./scheduler.js";

export function registerJobHandlers(_scheduler: Scheduler): void {
  // Renewals, invitation expiries and scheduled deactivations register here.
}
