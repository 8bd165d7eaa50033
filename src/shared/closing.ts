/** CLS-2: how long a closed firm's data stays, read-only, before it is deleted. */
export const CLOSING = {
  /** Days from closing to the purge of every record of the firm. */
  purgeAfterDays: 90,
  /** Days before the purge at which the feed, the administrators and their inboxes are told again. */
  noticeDaysBefore: 7,
} as const;

const DAY_MS = 86_400_000;

/** When a firm closed at `closedAt` is purged. */
export function purgeDateOf(closedAt: Date): Date {
  return new Date(closedAt.getTime() + CLOSING.purgeAfterDays * DAY_MS);
}

/** When the reminder before the purge goes out. */
export function purgeNoticeDateOf(purgeAt: Date): Date {
  return new Date(purgeAt.getTime() - CLOSING.noticeDaysBefore * DAY_MS);
}
