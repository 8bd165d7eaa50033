/**
 * What a new firm pays per license for each plan (LIC-1), in US dollar cents: the server's
 * default at sign-up and what the sign-up page shows before the firm is made.
 */
export const DEFAULT_CURRENCY = "USD";
/** Monthly: per license per month. Annual: per license per year (49 a month, paid yearly). */
export const DEFAULT_PRICE_CENTS = { monthly: 59_00, annual: 49_00 * 12 } as const;
