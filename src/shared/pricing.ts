/**
 * What a new firm pays per license for each plan (LIC-1), in US dollar cents: the server's
 * default at sign-up and what the sign-up page shows before the firm is made.
 */
export const DEFAULT_CURRENCY = "USD";
/** Monthly: per license per month. Annual: per license per year (49 a month, paid yearly). */
export const DEFAULT_PRICE_CENTS = { monthly: 59_00, annual: 49_00 * 12 } as const;

/** ADD-1: the add-ons a firm can buy, in the order the console lists them. */
export const ADDON_KEYS = ["personal_injury", "work"] as const;
export type AddonKey = (typeof ADDON_KEYS)[number];

export const ADDON_NAMES: Record<AddonKey, string> = {
  personal_injury: "Personal injury",
  work: "Work",
};

/** An add-on license's price per period of the firm's plan, in cents (annual: twelve months). */
export const ADDON_PRICE_CENTS: Record<AddonKey, { monthly: number; annual: number }> = {
  personal_injury: { monthly: 39_00, annual: 39_00 * 12 },
  work: { monthly: 25_00, annual: 25_00 * 12 },
};

/** ADD-3: the add-ons that can start as a free trial, and how long it lasts. */
export const ADDON_TRIAL_DAYS: Partial<Record<AddonKey, number>> = { work: 14 };
