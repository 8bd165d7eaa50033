/** FEED-4: walks a firm's feed in order and checks every link of its hash chain. */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, feedHeads } from "../../db/schema.js";
import { entryHash, GENESIS } from "./hash-chain.js";

export interface FeedVerdict {
  firmId: string;
  entries: number;
  ok: boolean;
  /** The first entry that does not fit the chain, and why. */
  broken?: { id: string | null; seq: number | null; reason: string };
}

export async function verifyFeed(db: Executor, firmId: string): Promise<FeedVerdict> {
  let prev = GENESIS;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(activities)
      .where(and(eq(activities.firmId, firmId), gt(activities.seq, after)))
      .orderBy(asc(activities.seq))
      .limit(1000);
    for (const row of rows) {
      const fail = (reason: string): FeedVerdict => ({ firmId, entries: count, ok: false, broken: { id: row.id, seq: row.seq, reason } });
      if (!row.hash) return fail("the entry carries no hash");
      if (row.prevHash !== prev) return fail("the entry does not follow the one before it (one was removed, added or reordered)");
      if (entryHash(prev, row) !== row.hash) return fail("the entry's content was changed after it was written");
      prev = row.hash;
      count += 1;
      after = row.seq;
    }
    if (rows.length < 1000) break;
  }
  const [head] = await db.select().from(feedHeads).where(eq(feedHeads.firmId, firmId));
  if (count > 0 && (!head || head.lastHash !== prev || head.entries !== count)) {
    return { firmId, entries: count, ok: false, broken: { id: null, seq: null, reason: "the newest entries were removed" } };
  }
  return { firmId, entries: count, ok: true };
}
