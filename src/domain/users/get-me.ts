/**
 * GET /me: the signed-in user with roles, groups, pending invitation and email change, their
 * firm and its subscription, in one prepared statement (DESIGN habit 16). On GET /me itself the
 * auth layer reads all of it with the session, in its one statement (`resolveSessionWithMe`):
 * the page every console load asks for costs one round trip, read afresh (ROL-5).
 */
import { prepared, tableRow, type Executor } from "../../db/client.js";
import { subscriptions } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import type { Actor } from "../context.js";
import { notFound } from "../errors.js";
import { FIRM_ROW, SUBSCRIPTION_ROW } from "../firms/load-firm.js";
import { sha256 } from "../secrets.js";
import { SSO_SUMMARY_SQL, ssoSummaryOf } from "../sso/sso-settings.js";
import { SESSION_FROM, SESSION_SELECT, sessionOf, type ResolvedSession, type SessionRow } from "../sessions/resolve-session.js";
import { ATTACHED_COLUMNS, USER_ROW, recordOf, type AttachedRaw } from "./user-record.js";

type MeRaw = AttachedRaw & Record<"u" | "f" | "s", Record<string, unknown>> & { sso: unknown };

const meStatement = prepared<MeRaw>(
  "me",
  `select ${USER_ROW.json} as u, ${FIRM_ROW.json} as f, ${SUBSCRIPTION_ROW.json} as s, ${SSO_SUMMARY_SQL("u.firm_id")} as sso, ${ATTACHED_COLUMNS}
     from users u
     join firms f on f.id = u.firm_id
     join subscriptions s on s.firm_id = u.firm_id
    where u.firm_id = $1 and u.id = $2`,
);

/** `sessions s` is taken by the session: the subscription goes by `sub` here. */
const SUBSCRIPTION_AS_SUB = tableRow(subscriptions, "sub");

const sessionWithMe = prepared<SessionRow & { me: Omit<MeRaw, "s"> & { sub: Record<string, unknown> } }>(
  "resolve_session_me",
  `select ${SESSION_SELECT},
          (select json_build_object('u', ${USER_ROW.json}, 'f', ${FIRM_ROW.json}, 'sub', ${SUBSCRIPTION_AS_SUB.json}, 'sso', ${SSO_SUMMARY_SQL("s.firm_id")},
                  '_roles', x._roles, '_groups', x._groups, '_invitation', x._invitation, '_email_change', x._email_change, '_two_factor', x._two_factor, '_addons', x._addons)
             from subscriptions sub, lateral (select ${ATTACHED_COLUMNS}) x
            where sub.firm_id = s.firm_id) as me
     from ${SESSION_FROM} where s.token_hash = $1`,
);


function meOf(raw: MeRaw) {
  const firm = FIRM_ROW.map(raw.f);
  return { user: recordOf(USER_ROW.map(raw.u), raw, firm.primarySubscriberId), firm, subscription: SUBSCRIPTION_ROW.map(raw.s), sso: ssoSummaryOf(raw.sso) };
}

export async function getMe(db: Executor, actor: Actor, loaded?: unknown) {
  if (loaded) return loaded as ReturnType<typeof meOf>;
  const [raw] = await meStatement(db, [actor.firmId, actor.userId]);
  if (!raw) throw notFound("User");
  return meOf(raw);
}

/** The auth layer's statement for GET /me: the session and, in the same round trip, the whole of /me. */
export async function resolveSessionWithMe(db: Executor, clock: Clock, token: string): Promise<ResolvedSession | null> {
  const [row] = await sessionWithMe(db, [sha256(token)]);
  const session = row ? sessionOf(row, clock) : null;
  if (!session || !row?.me) return session;
  const { sub, ...rest } = row.me;
  session.loaded = meOf({ ...rest, s: sub });
  return session;
}
