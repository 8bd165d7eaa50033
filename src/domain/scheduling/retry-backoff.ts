/** How long a failed delivery (mail, webhook) waits before its next try: 30 s, 1 min, 2 min ... at most an hour. */
export const retryBackoffMs = (failures: number) => Math.min(3_600_000, 30_000 * 2 ** (failures - 1));
