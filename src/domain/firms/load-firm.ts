/** The firm and its subscription, in one prepared statement. */
import { prepared, tableRow, type Executor } from "../../db/client.js";
import { firms, subscriptions } from "../../db/schema.js";
import { notFound } from "../errors.js";
import { SSO_SUMMARY_SQL, ssoSummaryOf } from "../sso/sso-settings.js";

export const FIRM_ROW = tableRow(firms, "f");
export const SUBSCRIPTION_ROW = tableRow(subscriptions, "s");

/** The firm and its subscription by id, with more columns where a reader needs them. */
const firmStatement = <T>(name: string, extra = "") =>
  prepared<{ f: Record<string, unknown>; s: Record<string, unknown> } & T>(
    name,
    `select ${FIRM_ROW.json} as f, ${SUBSCRIPTION_ROW.json} as s${extra}
       from firms f join subscriptions s on s.firm_id = f.id
      where f.id = $1`,
  );

const byId = firmStatement("firm_with_subscription");
// Read only by GET /firm and what answers a firm: loadFirm's many callers need no SSO.
const withSso = firmStatement<{ sso: unknown }>("firm_with_subscription_sso", `, ${SSO_SUMMARY_SQL("f.id")} as sso`);

export async function loadFirm(db: Executor, firmId: string) {
  const [row] = await byId(db, [firmId]);
  if (!row) throw notFound("Firm");
  return { firm: FIRM_ROW.map(row.f), subscription: SUBSCRIPTION_ROW.map(row.s) };
}

/** The firm as GET /firm shows it: with its SSO summary (SSO-1). */
export async function loadFirmWithSso(db: Executor, firmId: string) {
  const [row] = await withSso(db, [firmId]);
  if (!row) throw notFound("Firm");
  return { firm: FIRM_ROW.map(row.f), subscription: SUBSCRIPTION_ROW.map(row.s), sso: ssoSummaryOf(row.sso) };
}
