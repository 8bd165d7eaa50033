/**
 * Password sign-in (SEC-2, USR-3, SSO-2): one answer for every wrong part, and equal timing. With a
 * second factor (SES-3) the right password alone opens nothing: the code is asked for, and
 * spent in the transaction that opens the session. SSO sign-ins do not come through here.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { firms, users } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { verifyPassword } from "../accounts/passwords.js";
import { normaliseEmail } from "../accounts/emails.js";
import { AppError } from "../errors.js";
import { fullName } from "../users/user-record.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockFactor, spendCode, twoFactorInvalid, twoFactorRequired } from "../two-factor/factor.js";
import { assertPasswordAllowed } from "../sso/sso-settings.js";
import { openSession, type OpenedSession } from "./open-session.js";

export const invalidCredentials = () =>
  new AppError("invalid_credentials", "The email or password is incorrect.");

export interface SignInResult {
  firmId: string;
  userId: string;
  session: OpenedSession;
}

export async function signIn(
  db: Db,
  clock: Clock,
  input: { email: string; password: string; code?: string | undefined },
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<SignInResult> {
  // Invited users have no password yet and cannot sign in (USR-3); they get the same answer.
  const [user] = await db
    .select({ firmId: users.firmId, id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, passwordHash: users.passwordHash, firmStatus: firms.status,
      isAdministrator: sql<boolean>`exists (select 1 from user_roles ur join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id
        where ur.firm_id = ${users.firmId} and ur.user_id = ${users.id} and 'firm.settings' = any(r.permissions))` })
    .from(users)
    .innerJoin(firms, eq(firms.id, users.firmId))
    .where(and(sql`lower(${users.email}) = ${normaliseEmail(input.email)}`, eq(users.status, "active")))
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) throw invalidCredentials();
  // CLS-2: a closed firm lets its administrators in, to read and export; nobody else.
  if (user.firmStatus !== "active" && !user.isAdministrator) {
    throw new AppError("firm_closed", "Your firm's account is closed: only its administrators can sign in, to read and export its data.");
  }
  // SSO-2: only once the password is right, so the answer reveals nothing to a guesser.
  await assertPasswordAllowed(db, user.firmId, user.email);
  const session = await db.transaction(async (tx) => {
    const factor = await lockFactor(tx, user.firmId, user.id);
    if (factor?.enabledAt) {
      if (input.code === undefined) throw twoFactorRequired();
      const how = await spendCode(tx, clock, factor, input.code);
      if (!how) throw twoFactorInvalid();
      if (how === "recovery") {
        const name = fullName(user);
        await recordActivity(tx, clock, {
          firmId: user.firmId,
          actor: { id: user.id, name },
          kind: "user.recovery_code_used",
          subject: { type: "user", id: user.id, label: name },
          after: { recovery_codes_left: factor.recoveryCodeHashes.length - 1 },
        });
      }
    }
    return openSession(tx, clock, { firmId: user.firmId, userId: user.id, kind: "session", ...meta });
  });
  return { firmId: user.firmId, userId: user.id, session };
}
