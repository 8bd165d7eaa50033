/** Reads the session, its user's status and effective permissions in one query (ROL-3, ROL-5). */
import { prepared, type Executor } from "../../db/client.js";
import type { Clock } from "../clock.js";
import type { Permission } from "../../shared/permissions.js";
import type { Actor } from "../context.js";
import { sha256 } from "../secrets.js";

export interface SessionRow {
  firm_id: string;
  session_id: string;
  kind: "session" | "api_token";
  csrf_token: string;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  last_seen_at: Date | string;
  user_id: string;
  email: string;
  first_name: string;
  last_name: string;
  status: string;
  primary_subscriber_id: string;
  firm_status: string;
  permissions: string[] | null;
  two_factor_enrollment_required: boolean;
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  lastSeenAt: Date;
  /** SES-3: the firm requires a second factor and this user has none yet: only enrolment answers. */
  twoFactorEnrollmentRequired: boolean;
  /** CLS-2: the firm is closed: its administrators read and export, nothing changes. */
  firmClosed: boolean;
  /** What a route asked the auth layer to read in the same statement (`config.resolve`). */
  loaded?: unknown;
}

/** Reads a session and, in the same statement, whatever a route needs of its user. */
export type SessionResolver = (db: Executor, clock: Clock, token: string) => Promise<ResolvedSession | null>;

/** What the auth layer reads of a session: its user (`u`), firm (`f`) and effective permissions. */
export const SESSION_SELECT = `s.firm_id, s.id as session_id, s.kind, s.csrf_token, s.expires_at, s.revoked_at, s.last_seen_at,
          u.id as user_id, u.email, u.first_name, u.last_name, u.status,
          f.primary_subscriber_id, f.status as firm_status,
          (select array_agg(distinct p) from user_roles ur
             join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id
             cross join lateral unnest(r.permissions) as p
            where ur.firm_id = s.firm_id and ur.user_id = s.user_id) as permissions,
          (f.two_factor_required and not s.via_sso and not exists (select 1 from user_two_factor t
             where t.firm_id = s.firm_id and t.user_id = s.user_id and t.enabled_at is not null)) as two_factor_enrollment_required`;

/** The session `s` by its token's hash ($1), with its user `u` and firm `f`. */
export const SESSION_FROM = `sessions s
     join users u on u.firm_id = s.firm_id and u.id = s.user_id
     join firms f on f.id = s.firm_id`;

/** The auth layer's statement, run on every authenticated request: one round trip (ROL-5, SEC-3). */
const bySessionToken = prepared<SessionRow>(
  "resolve_session",
  `select ${SESSION_SELECT} from ${SESSION_FROM} where s.token_hash = $1`,
);

/** The actor of a row read through SESSION_SELECT, or null when it opens nothing now. */
export function sessionOf(row: SessionRow, clock: Clock): ResolvedSession | null {
  const now = clock.now().getTime();
  if (row.revoked_at) return null;
  if (row.expires_at && new Date(row.expires_at).getTime() <= now) return null;
  if (row.status !== "active") return null;
  const permissions = new Set((row.permissions ?? []) as Permission[]);
  const firmClosed = row.firm_status !== "active";
  // CLS-2: of a closed firm, only administrators are let in (closing ended every session, so
  // this is one they opened since), and only to read and export.
  if (firmClosed && !permissions.has("firm.settings")) return null;
  return {
    firmClosed,
    csrfToken: row.csrf_token,
    lastSeenAt: new Date(row.last_seen_at),
    // Nothing can be enrolled in a read-only firm: reading is not held back for it.
    twoFactorEnrollmentRequired: !firmClosed && row.two_factor_enrollment_required === true,
    actor: {
      userId: row.user_id,
      firmId: row.firm_id,
      email: row.email,
      name: `${row.first_name} ${row.last_name}`.trim() || row.email,
      isPrimarySubscriber: row.primary_subscriber_id === row.user_id,
      permissions,
      sessionId: row.session_id,
      sessionKind: row.kind,
      firmClosed,
    },
  };
}

/** The actor behind a token, or null when the token is unknown, revoked, expired or its user is not active. */
export async function resolveSession(db: Executor, clock: Clock, token: string): Promise<ResolvedSession | null> {
  // Read afresh on every request, never cached: a change of roles or status is seen at once (ROL-5).
  const [row] = await bySessionToken(db, [sha256(token)]);
  return row ? sessionOf(row, clock) : null;
}
