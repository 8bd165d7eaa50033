/** The subscription and the firm's add-ons with their holders counted, read by one statement (one snapshot). */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { subscriptions } from "../../db/schema.js";
import type { AddonKey } from "../../shared/pricing.js";
import type { AddonState } from "./addon-state.js";

interface AddonJson {
  key: AddonKey;
  status: AddonState["status"];
  totalLicenses: number;
  trialStartedAt: string | null;
  trialEndsAt: string | null;
  allocated: number;
}

const ADDONS = sql<AddonJson[]>`coalesce((
  select json_agg(json_build_object('key', a.key, 'status', a.status, 'totalLicenses', a.total_licenses,
           'trialStartedAt', a.trial_started_at, 'trialEndsAt', a.trial_ends_at,
           'allocated', (select count(*) from addon_allocations x where x.firm_id = a.firm_id and x.addon_key = a.key)))
    from addons a where a.firm_id = "subscriptions"."firm_id"), '[]'::json)`;

const date = (s: string | null) => (s === null ? null : new Date(s));

export async function addonsOfFirm(db: Executor, firmId: string) {
  const [row] = await db.select({ sub: subscriptions, addons: ADDONS }).from(subscriptions).where(eq(subscriptions.firmId, firmId));
  const rows = new Map<AddonKey, { addon: AddonState; allocated: number }>();
  for (const a of row?.addons ?? []) {
    rows.set(a.key, {
      addon: { status: a.status, totalLicenses: a.totalLicenses, trialStartedAt: date(a.trialStartedAt), trialEndsAt: date(a.trialEndsAt) },
      allocated: Number(a.allocated),
    });
  }
  return { sub: row?.sub ?? null, rows };
}
