/**
 * SSO-3: the firm's SAML service provider, built on @node-saml/node-saml. node-saml checks the
 * signature (signed assertions only), the audience and the status; it reads the time from the
 * system clock, so its time checks are off and this module checks NotBefore/NotOnOrAfter, the
 * bearer recipient and the issuer itself against the domain clock (the test clock moves them).
 */
import { SAML, ValidateInResponseTo, type Profile } from "@node-saml/node-saml";
import type { Clock } from "../clock.js";

/** How far the IdP's clock may be from ours. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;
/** Assertions without an end (allowed by SAML, rare) are remembered this long against replay. */
const DEFAULT_LIFETIME_MS = 10 * 60 * 1000;
const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

export interface IdpSettings {
  idpEntityId: string;
  ssoUrl: string;
  certificatePem: string;
}

/** The SP's own addresses, from the server's public URL. */
export function spUrls(publicUrl: string, firmId: string) {
  const base = `${publicUrl.replace(/\/+$/, "")}/sso/saml/${encodeURIComponent(firmId)}`;
  return { entityId: `${base}/metadata`, acsUrl: `${base}/acs`, loginUrl: `${base}/login` };
}

function serviceProvider(publicUrl: string, firmId: string, idp: IdpSettings | null) {
  const sp = spUrls(publicUrl, firmId);
  return new SAML({
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: idp?.ssoUrl,
    // Metadata can be published before the IdP is known: a placeholder never used to verify.
    idpCert: idp?.certificatePem ?? "unconfigured",
    identifierFormat: EMAIL_FORMAT,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: -1,
    validateInResponseTo: ValidateInResponseTo.never,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: "sha256",
  });
}

/** SSO-1: the SP metadata an administrator gives the IdP. */
export function spMetadata(publicUrl: string, firmId: string): string {
  return serviceProvider(publicUrl, firmId, null).generateServiceProviderMetadata(null, null);
}

/** The IdP's sign-in URL with an AuthnRequest (HTTP-Redirect binding); `email` is a hint only. */
export async function authnRequestUrl(publicUrl: string, firmId: string, idp: IdpSettings, relayState: string, email?: string): Promise<string> {
  const additionalParams: Record<string, string> = email ? { login_hint: email } : {};
  return serviceProvider(publicUrl, firmId, idp).getAuthorizeUrlAsync(relayState, undefined, { additionalParams });
}

export class SamlRefused extends Error {
  constructor(readonly reason: string, detail: string) {
    super(detail);
  }
}

export interface VerifiedAssertion {
  assertionId: string;
  nameId: string;
  email: string | null;
  expiresAt: Date;
}

type XmlNode = { $?: Record<string, string>; _?: string } & Record<string, unknown>;
const first = (v: unknown): XmlNode | undefined => (Array.isArray(v) ? (v[0] as XmlNode) : undefined);
const text = (v: unknown): string | undefined => {
  const node = first(v);
  return typeof node === "string" ? node : node?._;
};
const time = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new SamlRefused("invalid", `Unreadable time ${v}.`);
  return t;
};

/**
 * Verifies a SAMLResponse (base64, HTTP-POST binding). Throws SamlRefused with a short reason
 * for the sign-in page; the detail goes to the log only.
 */
export async function verifyResponse(publicUrl: string, firmId: string, idp: IdpSettings, clock: Clock, samlResponse: string): Promise<VerifiedAssertion> {
  const sp = spUrls(publicUrl, firmId);
  let profile: Profile | null;
  try {
    ({ profile } = await serviceProvider(publicUrl, firmId, idp).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (err) {
    throw new SamlRefused("invalid", (err as Error).message);
  }
  if (!profile) throw new SamlRefused("invalid", "No assertion in the response.");
  // Only what node-saml verified: the signed assertion, parsed.
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
  if (!assertion) throw new SamlRefused("invalid", "No signed assertion.");
  const assertionId = assertion.$?.ID;
  if (!assertionId) throw new SamlRefused("invalid", "The assertion has no ID.");
  if (text(assertion.Issuer) !== idp.idpEntityId) throw new SamlRefused("invalid", `Issuer ${text(assertion.Issuer)} is not ${idp.idpEntityId}.`);

  const now = clock.now().getTime();
  const ends: number[] = [];
  const conditions = first(assertion.Conditions);
  const notBefore = time(conditions?.$?.NotBefore);
  const notOnOrAfter = time(conditions?.$?.NotOnOrAfter);
  if (notBefore !== undefined && now + CLOCK_SKEW_MS < notBefore) throw new SamlRefused("not_yet_valid", `Not valid before ${conditions?.$?.NotBefore}.`);
  if (notOnOrAfter !== undefined) {
    if (now - CLOCK_SKEW_MS >= notOnOrAfter) throw new SamlRefused("expired", `Expired at ${conditions?.$?.NotOnOrAfter}.`);
    ends.push(notOnOrAfter);
  }

  // A bearer confirmation for our ACS, still valid: the recipient check of SSO-3.
  const subject = first(assertion.Subject);
  const confirmations = (Array.isArray(subject?.SubjectConfirmation) ? subject.SubjectConfirmation : []) as XmlNode[];
  const bearer = confirmations.filter((c) => c.$?.Method === "urn:oasis:names:tc:SAML:2.0:cm:bearer");
  if (!bearer.length) throw new SamlRefused("invalid", "No bearer subject confirmation.");
  const data = bearer.map((c) => first(c.SubjectConfirmationData)?.$ ?? {});
  const forUs = data.filter((d) => d.Recipient === sp.acsUrl);
  if (!forUs.length) throw new SamlRefused("wrong_recipient", `Recipient ${data.map((d) => d.Recipient).join(", ")} is not ${sp.acsUrl}.`);
  const live = forUs.filter((d) => {
    const end = time(d.NotOnOrAfter);
    const start = time(d.NotBefore);
    return (end === undefined || now - CLOCK_SKEW_MS < end) && (start === undefined || now + CLOCK_SKEW_MS >= start);
  });
  if (!live.length) throw new SamlRefused("expired", "The subject confirmation has expired.");
  for (const d of live) if (d.NotOnOrAfter) ends.push(time(d.NotOnOrAfter)!);

  const nameId = profile.nameID;
  if (!nameId) throw new SamlRefused("invalid", "No NameID.");
  const email = typeof profile.email === "string" ? profile.email : null;
  const expiresAt = new Date((ends.length ? Math.max(...ends) : now + DEFAULT_LIFETIME_MS) + CLOCK_SKEW_MS);
  return { assertionId, nameId, email, expiresAt };
}
