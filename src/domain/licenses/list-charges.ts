/** LIC-10: the ledger, every charge newest first, paged by cursor. */
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { charges } from "../../db/schema.js";
import type { ReadContext } from "../context.js";
import { decodeSeqCursor, encodeCursor, page } from "../paging.js";
import { presentCharge } from "./license-state.js";

export async function listCharges({ db, actor }: ReadContext, input: { limit: number; cursor?: string }) {
  const conditions: SQL[] = [eq(charges.firmId, actor.firmId)];
  const after = decodeSeqCursor(input.cursor);
  if (after !== null) conditions.push(lt(charges.seq, after));
  const rows = await db.select().from(charges).where(and(...conditions)).orderBy(desc(charges.seq)).limit(input.limit + 1);
  const paged = page(rows, input.limit, (c) => encodeCursor(c.seq, c.id));
  return { data: paged.data.map(presentCharge), next_cursor: paged.next_cursor };
}
