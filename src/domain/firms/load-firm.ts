/** The firm and its subscription, in one prepared statement. */
import { prepared, tableColumns, type Executor } from "../../db/client.js";
import { firms, subscriptions } from "../../db/schema.js";
import { notFound } from "../errors.js";

export const FIRM_COLUMNS = tableColumns(firms, "f", "f_");
export const SUBSCRIPTION_COLUMNS = tableColumns(subscriptions, "s", "s_");

const byId = prepared<Record<string, unknown>>(
  "firm_with_subscription",
  `select ${FIRM_COLUMNS.select}, ${SUBSCRIPTION_COLUMNS.select}
     from firms f join subscriptions s on s.firm_id = f.id
    where f.id = $1`,
);

export async function loadFirm(db: Executor, firmId: string) {
  const [row] = await byId(db, [firmId]);
  if (!row) throw notFound("Firm");
  return { firm: FIRM_COLUMNS.map(row), subscription: SUBSCRIPTION_COLUMNS.map(row) };
}
