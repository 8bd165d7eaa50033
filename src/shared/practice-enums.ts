/** The enums of the practice data (PRC-1, GRP-3), without zod: the console imports them too. */
export const MATTER_STATUSES = ["open", "pending", "closed"] as const;
export const ACCESS_KINDS = ["everyone", "groups", "private"] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
