/**
 * A small SAML identity provider served over HTTP from the Playwright process: it answers the
 * HTTP-Redirect AuthnRequest with an auto-submitting HTML form that POSTs a signed response to
 * the ACS the request names, for the `login_hint` email (or the default user), as a real IdP's
 * sign-in page does once the person has signed in.
 *
 * Its clock is the server's: the e2e server runs on a test clock (CHAMBERS_TEST_CLOCK=1) that
 * earlier specs move forward, so the IdP stamps each assertion with the time GET /api/v1/_test/clock
 * gives at the ACS's origin, as a real IdP's clock agrees with its service provider's.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readAuthnRequest, TestIdp } from "../helpers/saml-idp.js";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The test clock of the server the ACS URL belongs to. */
async function serverNow(acsUrl: string): Promise<Date> {
  const response = await fetch(new URL("/api/v1/_test/clock", acsUrl));
  if (!response.ok) throw new Error(`GET /api/v1/_test/clock: ${response.status} ${await response.text()}`);
  return new Date(((await response.json()) as { now: string }).now);
}

export class IdpServer {
  #server: Server | null = null;
  idp!: TestIdp;
  /** Who signs in when the request carries no login_hint (the settings page's test button). */
  defaultUser = "";
  /** Every email the IdP signed in, in order. */
  readonly signedIn: string[] = [];

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const samlRequest = url.searchParams.get("SAMLRequest");
        if (url.pathname !== "/sso" || !samlRequest) {
          res.writeHead(404).end();
          return;
        }
        const request = readAuthnRequest(samlRequest);
        const email = url.searchParams.get("login_hint") || this.defaultUser;
        this.signedIn.push(email);
        const response = await this.idp.response(
          { entityId: request.issuer!, acsUrl: request.acsUrl! },
          { nameId: email, now: await serverNow(request.acsUrl!), inResponseTo: request.id },
        );
        const relay = url.searchParams.get("RelayState") ?? "";
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><html lang="en"><title>Test IdP</title><body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(request.acsUrl!)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(response)}">
<input type="hidden" name="RelayState" value="${escapeHtml(relay)}">
<noscript><button type="submit">Continue</button></noscript>
</form></body></html>`);
      })().catch((err: unknown) => res.writeHead(500).end(String(err)));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.idp = new TestIdp(`http://127.0.0.1:${port}/metadata`, `http://127.0.0.1:${port}/sso`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
