/** SSO-1: the IdP's signing certificate must parse and be valid now. */
import { X509Certificate } from "node:crypto";
import { validation } from "../errors.js";

/** The certificate as PEM, from PEM or from bare base64 (as IdPs often show it); throws a 400 naming the field otherwise. */
export function checkCertificate(input: string, now: Date): { pem: string; notAfter: Date } {
  const trimmed = input.trim();
  const pem = trimmed.startsWith("-----BEGIN")
    ? trimmed
    : `-----BEGIN CERTIFICATE-----\n${(trimmed.replace(/\s+/g, "").match(/.{1,64}/g) ?? []).join("\n")}\n-----END CERTIFICATE-----`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw validation([{ path: "certificate_pem", message: "This is not an X.509 certificate in PEM format." }]);
  }
  const notAfter = new Date(cert.validTo);
  if (notAfter <= now) {
    throw validation([{ path: "certificate_pem", message: `This certificate expired on ${notAfter.toISOString().slice(0, 10)}.` }]);
  }
  if (new Date(cert.validFrom) > now) {
    throw validation([{ path: "certificate_pem", message: `This certificate is not valid before ${new Date(cert.validFrom).toISOString().slice(0, 10)}.` }]);
  }
  return { pem: cert.toString().trim(), notAfter };
}
