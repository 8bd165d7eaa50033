/**
 * Single sign-on (SSO-1..3, INV-6): the firm's SAML settings under /api/v1, and the SAML
 * endpoints the identity provider and the browser use, outside it (like /healthz they are not
 * part of the JSON API: they answer XML and redirects, and are described in README and API.md).
 * Every SAML failure is a redirect to the sign-in page with `sso_error`, never a session.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findSsoFirm } from "../../domain/sso/find-sso-firm.js";
import { getSsoSettings } from "../../domain/sso/get-sso-settings.js";
import { authnRequestUrl, SamlRefused, spMetadata } from "../../domain/sso/saml-provider.js";
import { signInWithSso } from "../../domain/sso/sign-in-with-sso.js";
import { findSsoSettings } from "../../domain/sso/sso-settings.js";
import { updateSsoSettings } from "../../domain/sso/update-sso-settings.js";
import { LIMITS } from "../../shared/limits.js";
import { ssoSettingsBody, ssoSettingsOut } from "../../shared/schemas.js";
import { appUrl, requestMeta, setSessionCookie } from "../http.js";
import { perAddress } from "../plugins/rate-limits.js";
import { change, publicChange, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

const firmParam = z.object({ firmId: z.string().min(1).max(100) });
const emailQuery = z.string().trim().max(LIMITS.emailMax).optional();

/** Only a path of this site, never another origin (`//evil`, `/\evil`). */
const safePath = (value: unknown) => (typeof value === "string" && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : "/");

function refuse(reply: FastifyReply, request: FastifyRequest, reason: string, detail: string) {
  request.log.warn({ sso_error: reason, detail }, "SSO sign-in refused");
  return reply.redirect(`/signin?sso_error=${encodeURIComponent(reason)}`, 302);
}

export async function ssoSettingsRoutes(app: App, deps: Deps) {
  app.get(
    "/firm/sso",
    {
      config: { auth: "firm.settings" },
      schema: {
        tags: ["sso"],
        operationId: "getSsoSettings",
        summary: "The firm's SAML single sign-on settings",
        description: "The identity provider's entity ID, sign-in URL and signing certificate, whether SSO is enforced and for whom not, when it was last tested; and the service provider's own entity ID, ACS URL, metadata URL and sign-in URL, to give the identity provider. Fields are null before anything is configured.",
        response: { 200: ssoSettingsOut },
      },
    },
    async (request) => read(deps, request, (ctx) => getSsoSettings(ctx, appUrl(deps, request))),
  );

  app.put(
    "/firm/sso",
    {
      config: { auth: "firm.settings", errors: ["sso_not_tested"] },
      schema: {
        tags: ["sso"],
        operationId: "updateSsoSettings",
        summary: "Configure SAML single sign-on, enforcement and its exceptions",
        description: "The certificate must be an X.509 certificate (PEM, or its base64 body) valid today; the sign-in URL must be https (plain http only to localhost). Changing the identity provider's entity ID, sign-in URL or certificate clears `tested_at`. `enforced: true` needs a successful test sign-in (an administrator signing in through SSO) with the current settings, otherwise 409 `sso_not_tested`. While enforced, password sign-in is refused (403 `sso_required`) except for `exception_emails`.",
        body: ssoSettingsBody,
        response: { 200: ssoSettingsOut },
      },
    },
    async (request) =>
      change(deps, request, async (ctx) => {
        await updateSsoSettings(ctx, request.body);
        return getSsoSettings(readingIn(ctx), appUrl(deps, request));
      }),
  );
}

/** The SAML endpoints of the browser and the identity provider (outside /api/v1). */
export async function samlRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/sso/saml/start",
    { config: { limits: [perAddress("sso-start", 30, 60)] }, schema: { hide: true, querystring: z.object({ email: emailQuery }) } },
    async (request, reply) => {
      const email = request.query.email;
      const firmId = email ? await findSsoFirm(db, email) : null;
      if (!firmId) return refuse(reply, request, "not_configured", "No firm with SSO for this email.");
      return reply.redirect(`/sso/saml/${encodeURIComponent(firmId)}/login?email=${encodeURIComponent(email!)}`, 302);
    },
  );

  app.get("/sso/saml/:firmId/metadata", { schema: { hide: true, params: firmParam } }, async (request, reply) =>
    reply.type("application/samlmetadata+xml; charset=utf-8").send(spMetadata(appUrl(deps, request), request.params.firmId)),
  );

  app.get(
    "/sso/saml/:firmId/login",
    {
      config: { limits: [perAddress("sso-login", 60, 60)] },
      schema: { hide: true, params: firmParam, querystring: z.object({ email: emailQuery, return_to: z.string().max(500).optional() }) },
    },
    async (request, reply) => {
      const { firmId } = request.params;
      const settings = await findSsoSettings(db, firmId);
      if (!settings) return refuse(reply, request, "not_configured", `Firm ${firmId} has no SSO settings.`);
      const url = await authnRequestUrl(appUrl(deps, request), firmId, settings, safePath(request.query.return_to), request.query.email || undefined);
      return reply.redirect(url, 302);
    },
  );

  await app.register(async (scope) => {
    // The IdP posts an HTML form: the ACS (and only it) reads url-encoded bodies.
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.post(
      "/sso/saml/:firmId/acs",
      { config: { limits: [perAddress("sso-acs", 60, 60)] }, schema: { hide: true, params: firmParam } },
      async (request, reply) => {
        const { firmId } = request.params as z.infer<typeof firmParam>;
        const form = (request.body ?? {}) as Record<string, unknown>;
        if (typeof form.SAMLResponse !== "string" || !form.SAMLResponse) return refuse(reply, request, "invalid", "No SAMLResponse in the form.");
        try {
          const result = await publicChange(deps, (ctx) =>
            signInWithSso(ctx, { firmId, samlResponse: form.SAMLResponse as string, publicUrl: appUrl(deps, request), meta: requestMeta(request) }),
          );
          setSessionCookie(reply, deps, request, result.session);
          request.log.info({ firm_id: firmId, user_id: result.userId }, "SSO sign-in");
          return reply.redirect(safePath(form.RelayState), 302);
        } catch (err) {
          if (err instanceof SamlRefused) return refuse(reply, request, err.reason, err.message);
          throw err;
        }
      },
    );
  });
}
