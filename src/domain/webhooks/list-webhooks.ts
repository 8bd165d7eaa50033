/** WHK-1: the firm's webhook endpoints, oldest first. */
import { asc, eq } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema.js";
import type { ReadContext } from "../context.js";
import { presentEndpoint } from "./webhook-record.js";

export async function listWebhooks({ db, actor }: ReadContext) {
  const rows = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.firmId, actor.firmId)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return rows.map(presentEndpoint);
}
