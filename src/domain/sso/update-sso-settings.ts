/** PUT /firm/sso (SSO-1, SSO-2): the IdP settings, enforcement and its exceptions. */
import { createHash } from "node:crypto";
import { ssoSettings } from "../../db/schema.js";
import { normaliseEmail } from "../accounts/emails.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { checkCertificate } from "./certificate.js";
import { findSsoSettings, type SsoSettings } from "./sso-settings.js";

export interface SsoSettingsInput {
  idp_entity_id: string;
  sso_url: string;
  certificate_pem: string;
  enforced: boolean;
  exception_emails: string[];
}

export const ssoNotTested = () =>
  new AppError("sso_not_tested", "Single sign-on can be enforced only after a successful test sign-in with these settings. Sign in through SSO as an administrator first.");

/**
 * HTTPS only, except a loopback address over plain HTTP: an IdP on the same machine (a local
 * test IdP) never crosses a network.
 */
function checkSsoUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validation([{ path: "sso_url", message: "Enter the identity provider's sign-in URL, starting with https://." }]);
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw validation([{ path: "sso_url", message: "The sign-in URL must start with https://." }]);
  }
  return url.toString();
}

/** What the feed keeps: the certificate by its fingerprint, not its text. */
const snapshot = (s: Pick<SsoSettings, "idpEntityId" | "ssoUrl" | "certificatePem" | "enforced" | "exceptionEmails"> | null) =>
  s && {
    idp_entity_id: s.idpEntityId,
    sso_url: s.ssoUrl,
    certificate_sha256: createHash("sha256").update(s.certificatePem).digest("hex"),
    enforced: s.enforced,
    exception_emails: s.exceptionEmails,
  };

export async function updateSsoSettings({ tx, clock, actor }: ActorContext, input: SsoSettingsInput): Promise<void> {
  const now = clock.now();
  const ssoUrl = checkSsoUrl(input.sso_url);
  const { pem } = checkCertificate(input.certificate_pem, now);
  const exceptionEmails = [...new Set(input.exception_emails.map(normaliseEmail))].sort();
  const before = await findSsoSettings(tx, actor.firmId, { forUpdate: true });
  const idpChanged = !before || before.idpEntityId !== input.idp_entity_id || before.ssoUrl !== ssoUrl || before.certificatePem !== pem;
  // API.md: changing the IdP settings clears the test; enforcing needs one (SSO-1).
  const testedAt = idpChanged ? null : before.testedAt;
  if (input.enforced && !testedAt) throw ssoNotTested();
  const row = {
    firmId: actor.firmId,
    idpEntityId: input.idp_entity_id,
    ssoUrl,
    certificatePem: pem,
    enforced: input.enforced,
    exceptionEmails,
    testedAt,
    updatedById: actor.userId,
    updatedAt: now,
  };
  await tx
    .insert(ssoSettings)
    .values({ ...row, createdAt: now })
    .onConflictDoUpdate({ target: ssoSettings.firmId, set: row });
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "sso.updated",
    subject: { type: "firm", id: actor.firmId, label: "Single sign-on" },
    before: snapshot(before),
    after: { ...snapshot(row), ...(idpChanged && before?.testedAt ? { tested_at: null } : {}) },
  });
}
