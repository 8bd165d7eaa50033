/**
 * GET /me: the signed-in user with roles, groups, pending invitation and email change, their
 * firm and its subscription, in one prepared statement (DESIGN habit 16). The actor was read
 * by the auth layer's own statement on this very request (ROL-5).
 */
import { prepared, type Executor } from "../../db/client.js";
import type { Actor } from "../context.js";
import { notFound } from "../errors.js";
import { FIRM_COLUMNS, SUBSCRIPTION_COLUMNS } from "../firms/load-firm.js";
import { ATTACHED_COLUMNS, USER_COLUMNS, recordOf, type AttachedRaw } from "./user-record.js";

const meStatement = prepared<Record<string, unknown> & AttachedRaw>(
  "me",
  `select ${USER_COLUMNS.select}, ${FIRM_COLUMNS.select}, ${SUBSCRIPTION_COLUMNS.select}, ${ATTACHED_COLUMNS}
     from users u
     join firms f on f.id = u.firm_id
     join subscriptions s on s.firm_id = u.firm_id
    where u.firm_id = $1 and u.id = $2`,
);

export async function getMe(db: Executor, actor: Actor) {
  const [raw] = await meStatement(db, [actor.firmId, actor.userId]);
  if (!raw) throw notFound("User");
  const firm = FIRM_COLUMNS.map(raw);
  return { user: recordOf(USER_COLUMNS.map(raw), raw, firm.primarySubscriberId), firm, subscription: SUBSCRIPTION_COLUMNS.map(raw) };
}
