/** The firm and its subscription, in one prepared statement. */
import { prepared, tableRow, type Executor } from "../../db/client.js";
import { firms, subscriptions } from "../../db/schema.js";
import { notFound } from "../errors.js";

export const FIRM_ROW = tableRow(firms, "f");
export const SUBSCRIPTION_ROW = tableRow(subscriptions, "s");

const byId = prepared<{ f: Record<string, unknown>; s: Record<string, unknown> }>(
  "firm_with_subscription",
  `select ${FIRM_ROW.json} as f, ${SUBSCRIPTION_ROW.json} as s
     from firms f join subscriptions s on s.firm_id = f.id
    where f.id = $1`,
);

export async function loadFirm(db: Executor, firmId: string) {
  const [row] = await byId(db, [firmId]);
  if (!row) throw notFound("Firm");
  return { firm: FIRM_ROW.map(row.f), subscription: SUBSCRIPTION_ROW.map(row.s) };
}
