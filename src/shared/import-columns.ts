/**
 * IMP-2's required columns of a user import, without zod: the console imports them, and zod
 * would otherwise come into its bundle. import-schemas.ts takes its list from here.
 */
import type { ImportColumn } from "./import-schemas.js";

/** IMP-2: a file without one of these columns fails as a whole. */
export const REQUIRED_COLUMN_NAMES = ["email", "first_name", "last_name", "subscription_type"] as const satisfies readonly ImportColumn[];
