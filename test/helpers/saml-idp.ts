/**
 * A real SAML identity provider for tests (samlify, schema-checked by xmllint): it signs login
 * responses with a test key, and every part a test may want wrong (audience, recipient, times,
 * the signing key, no signature at all) can be set. Keys: test/fixtures/saml (openssl, to 2036).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import * as validator from "@authenio/samlify-node-xmllint";
import * as samlifyModule from "samlify";

// Vitest and Playwright load this CommonJS package differently: named exports, or all under `default`.
const samlify = { ...samlifyModule, ...(samlifyModule as unknown as { default?: typeof samlifyModule }).default };
samlify.setSchemaValidator(validator);

const fixture = (name: string) => readFileSync(new URL(`../fixtures/saml/${name}`, import.meta.url), "utf8");
export const IDP_KEY = fixture("idp-key.pem");
export const IDP_CERT = fixture("idp-cert.pem");
export const OTHER_KEY = fixture("other-key.pem");
export const OTHER_CERT = fixture("other-cert.pem");
export const EXPIRED_CERT = fixture("expired-cert.pem");

const { binding } = samlify.Constants.namespace;
const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

export interface ResponseOptions {
  nameId: string;
  /** The IdP's time; the assertion is valid from then for five minutes. */
  now: Date;
  audience?: string;
  recipient?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  issuer?: string;
  inResponseTo?: string;
  /** What is signed: the assertion (default), the whole response only, or nothing. */
  sign?: "assertion" | "response" | "none";
  /** Another key than the IdP's own (the certificate the SP knows stays the IdP's). */
  key?: { privateKey: string; cert: string };
}

export class TestIdp {
  constructor(
    readonly entityId = `https://idp.test/${randomUUID().slice(0, 8)}`,
    readonly ssoUrl = "https://idp.test/sso",
  ) {}

  /** The body of PUT /firm/sso for this IdP. */
  settings(extra: Record<string, unknown> = {}) {
    return { idp_entity_id: this.entityId, sso_url: this.ssoUrl, certificate_pem: IDP_CERT, ...extra };
  }

  /** A base64 SAMLResponse for the SP (entity ID and ACS URL from GET /firm/sso). */
  async response(sp: { entityId: string; acsUrl: string }, o: ResponseOptions): Promise<string> {
    const end = o.notOnOrAfter ?? new Date(o.now.getTime() + 5 * 60_000);
    const values = {
      ID: `_${randomUUID()}`,
      AssertionID: o.assertionId ?? `_${randomUUID()}`,
      Destination: o.recipient ?? sp.acsUrl,
      Audience: o.audience ?? sp.entityId,
      SubjectRecipient: o.recipient ?? sp.acsUrl,
      Issuer: o.issuer ?? this.entityId,
      IssueInstant: o.now.toISOString(),
      StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
      ConditionsNotBefore: (o.notBefore ?? o.now).toISOString(),
      ConditionsNotOnOrAfter: end.toISOString(),
      SubjectConfirmationDataNotOnOrAfter: end.toISOString(),
      NameIDFormat: EMAIL_FORMAT,
      NameID: o.nameId,
      InResponseTo: o.inResponseTo ?? "",
      AuthnStatement: `<saml:AuthnStatement AuthnInstant="${o.now.toISOString()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
      AttributeStatement: "",
    };
    const template = samlify.SamlLib.defaultLoginResponseTemplate.context;
    const xml = samlify.SamlLib.replaceTagsByValue(template, values);
    const sign = o.sign ?? "assertion";
    if (sign === "none") return Buffer.from(xml).toString("base64");
    const key = o.key ?? { privateKey: IDP_KEY, cert: IDP_CERT };
    const idp = samlify.IdentityProvider({
      entityID: this.entityId,
      privateKey: key.privateKey,
      signingCert: key.cert,
      singleSignOnService: [{ Binding: binding.redirect, Location: this.ssoUrl }],
      nameIDFormat: [EMAIL_FORMAT],
      requestSignatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    });
    const serviceProvider = samlify.ServiceProvider({
      entityID: sp.entityId,
      assertionConsumerService: [{ Binding: binding.post, Location: sp.acsUrl }],
      wantAssertionsSigned: sign === "assertion",
      wantMessageSigned: sign === "response",
    });
    const { context } = await idp.createLoginResponse(serviceProvider, { extract: {} } as Parameters<typeof idp.createLoginResponse>[1], "post", { email: o.nameId }, () => ({ id: values.ID, context: xml }));
    return context;
  }
}

/** What an HTTP-Redirect AuthnRequest (the `SAMLRequest` query parameter) asks. */
export function readAuthnRequest(samlRequest: string) {
  const xml = inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8");
  const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1];
  return { xml, id: attr("ID"), acsUrl: attr("AssertionConsumerServiceURL"), issuer: /<saml:Issuer[^>]*>([^<]*)</.exec(xml)?.[1] };
}

export const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
export const encode = (xml: string) => Buffer.from(xml).toString("base64");
