/** The firm and its subscription. */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { firms, subscriptions } from "../../db/schema.js";
import { notFound } from "../errors.js";

export async function loadFirm(db: Executor, firmId: string) {
  const [row] = await db
    .select({ firm: firms, subscription: subscriptions })
    .from(firms)
    .innerJoin(subscriptions, eq(subscriptions.firmId, firms.id))
    .where(eq(firms.id, firmId));
  if (!row) throw notFound("Firm");
  return row;
}
