/** GET /firm/sso (SSO-1): the firm's SAML settings and the SP's own addresses. */
import type { ReadContext } from "../context.js";
import { spUrls } from "./saml-provider.js";
import { findSsoSettings, type SsoSettings } from "./sso-settings.js";

/** The settings as the API shows them; null fields where the firm has configured nothing yet. */
export function presentSsoSettings(s: SsoSettings | null, publicUrl: string, firmId: string) {
  const sp = spUrls(publicUrl, firmId);
  return {
    idp_entity_id: s?.idpEntityId ?? null,
    sso_url: s?.ssoUrl ?? null,
    certificate_pem: s?.certificatePem ?? null,
    enforced: s?.enforced ?? false,
    exception_emails: s?.exceptionEmails ?? [],
    tested_at: s?.testedAt?.toISOString() ?? null,
    updated_at: s?.updatedAt.toISOString() ?? null,
    sp_entity_id: sp.entityId,
    acs_url: sp.acsUrl,
    metadata_url: sp.entityId,
    login_url: sp.loginUrl,
  };
}

export async function getSsoSettings({ db, actor }: ReadContext, publicUrl: string) {
  return presentSsoSettings(await findSsoSettings(db, actor.firmId), publicUrl, actor.firmId);
}
