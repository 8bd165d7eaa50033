/** A firm's SAML settings (SSO-1) and what enforcing them means for passwords (SSO-2, EML-2, INV-6). */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { ssoSettings } from "../../db/schema.js";
import { normaliseEmail } from "../accounts/emails.js";
import { AppError } from "../errors.js";

export type SsoSettings = typeof ssoSettings.$inferSelect;

export const ssoRequired = (detail = "Your firm signs in through single sign-on: use Sign in with SSO.") => new AppError("sso_required", detail);

/** The firm's settings, or null when it has none; locked for the rest of the transaction on request. */
export async function findSsoSettings(db: Executor, firmId: string, opts: { forUpdate?: boolean } = {}): Promise<SsoSettings | null> {
  const query = db.select().from(ssoSettings).where(eq(ssoSettings.firmId, firmId));
  const [row] = await (opts.forUpdate ? query.for("update") : query);
  return row ?? null;
}

/** SSO-2: whether this email must sign in through the IdP (enforced, and not on the exception list). */
export function mustUseSso(settings: SsoSettings | null, email: string): boolean {
  return !!settings?.enforced && !settings.exceptionEmails.includes(normaliseEmail(email));
}

/** SSO-2, EML-2, INV-6: refuses a password where the firm enforces SSO for this email. */
export async function assertPasswordAllowed(db: Executor, firmId: string, email: string, detail?: string): Promise<void> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(ssoSettings)
    .where(and(eq(ssoSettings.firmId, firmId), eq(ssoSettings.enforced, true), sql`not (${normaliseEmail(email)} = any(${ssoSettings.exceptionEmails}))`));
  if (row) throw ssoRequired(detail);
}

/** GET /firm's `sso` summary as SQL, for the statements that read the firm (`firmId` is an SQL expression). */
export const SSO_SUMMARY_SQL = (firmId: string) =>
  `(select json_build_object('idp_entity_id', x.idp_entity, 'enforced', x.enforced, 'tested_at', x.tested_at)
      from sso_settings x where x.firm_id = ${firmId})`;

export interface SsoSummary {
  idp_entity_id: string;
  enforced: boolean;
  tested_at: string | null;
}

/** The summary read by SSO_SUMMARY_SQL, with its time as ISO 8601 (JSON from SQL has PostgreSQL's format). */
export function ssoSummaryOf(raw: unknown): SsoSummary | null {
  if (!raw) return null;
  const r = raw as { idp_entity_id: string; enforced: boolean; tested_at: string | null };
  return { idp_entity_id: r.idp_entity_id, enforced: r.enforced, tested_at: r.tested_at ? new Date(r.tested_at).toISOString() : null };
}
