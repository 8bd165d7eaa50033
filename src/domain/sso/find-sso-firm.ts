/**
 * "Sign in with SSO" from an email: the firm whose IdP this person signs in through. It says no
 * more than the IdP redirect itself would: a firm with SAML settings has this person, or not.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { firms, ssoSettings, users } from "../../db/schema.js";
import { normaliseEmail } from "../accounts/emails.js";

/** The firm id to start SSO with, or null when this email belongs to no firm using SSO. */
export async function findSsoFirm(db: Executor, email: string): Promise<string | null> {
  const [row] = await db
    .select({ firmId: users.firmId })
    .from(users)
    .innerJoin(firms, and(eq(firms.id, users.firmId), eq(firms.status, "active")))
    .innerJoin(ssoSettings, eq(ssoSettings.firmId, users.firmId))
    .where(and(sql`lower(${users.email}) = ${normaliseEmail(email)}`, inArray(users.status, ["invited", "active"])))
    .limit(1);
  return row?.firmId ?? null;
}
