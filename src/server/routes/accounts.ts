/** Sign-up, sign-in, sign-out, the current user and the firm (ACC-1, SEC-2, SEC-3). */
import { z } from "zod";
import { hashPassword, assertStrongPassword } from "../../domain/accounts/passwords.js";
import { signUp } from "../../domain/accounts/sign-up.js";
import { loadFirm, loadFirmWithSso } from "../../domain/firms/load-firm.js";
import { updateFirm } from "../../domain/firms/update-firm.js";
import { revokeOwnSession } from "../../domain/sessions/revoke-session.js";
import { signIn } from "../../domain/sessions/sign-in.js";
import { resolveSession } from "../../domain/sessions/resolve-session.js";
import { findUser } from "../../domain/users/user-record.js";
import { getMe, resolveSessionWithMe } from "../../domain/users/get-me.js";
import { notFound } from "../../domain/errors.js";
import { firmOut, firmPatchBody, meOut, sessionCreatedOut, signInBody, signupBody, signupOut } from "../../shared/schemas.js";
import { actorOf, SESSION_COOKIE } from "../plugins/auth.js";
import { appUrl, requestMeta, setSessionCookie } from "../http.js";
import { perAddress, perAddressAndEmail, perEmail, TWO_FACTOR_CODE_LIMIT } from "../plugins/rate-limits.js";
import { presentFirm, presentUser } from "../present.js";
import { firmAbilities } from "../../policies/firm.js";
import type { Actor } from "../../domain/context.js";
import type { App, Deps } from "../deps.js";
import { change, publicChange } from "../use-case.js";

/**
 * SEC-8: guesses at one account from one address, at one account from anywhere (a slow
 * distributed guess), and at many accounts from one address (credential stuffing).
 */
const SIGN_IN_LIMITS = [
  perAddressAndEmail("sign-in:address+account", 10, 60),
  perEmail("sign-in:account", 20, 15 * 60),
  perAddress("sign-in:address", 60, 60),
  TWO_FACTOR_CODE_LIMIT,
];

/** The actor as a user object, with everything the console needs. */
async function loadMe(deps: Deps, actor: Actor, csrfToken: string, twoFactorEnrollmentRequired: boolean, loaded?: unknown) {
  const { user, firm, subscription, sso } = await getMe(deps.database.db, actor, loaded);
  const presented = presentUser(user, actor, deps.clock.now());
  // Completed in place, not spread into copies: this answers every page load.
  return Object.assign(presented, {
    permissions: [...actor.permissions].sort(),
    abilities: Object.assign(presented.abilities, firmAbilities(actor)),
    firm: presentFirm(firm, subscription, sso),
    csrf_token: csrfToken,
    two_factor_enrollment_required: twoFactorEnrollmentRequired,
  });
}

/** An actor for someone who has just signed in, before any request of theirs has been authenticated. */
async function freshActor(deps: Deps, firmId: string, userId: string, token: string): Promise<Actor> {
  const resolved = await resolveSession(deps.database.db, deps.clock, token);
  if (!resolved || resolved.actor.firmId !== firmId || resolved.actor.userId !== userId) throw notFound("User");
  return resolved.actor;
}

export async function accountRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.post(
    "/signup",
    {
      config: { auth: "public", limits: [perAddress("sign-up", deps.config.SIGNUP_LIMIT_PER_MINUTE, 60)], sends: ["Set-Cookie"], errors: ["email_in_use"] },
      schema: {
        tags: ["accounts"],
        operationId: "signUp",
        summary: "Create a firm and its primary subscriber",
        description: "The firm starts its subscription with `licenses` licenses on the chosen plan; the person signing up becomes its primary subscriber and administrator, and is signed in: the answer carries a session token and sets the session cookie.",
        body: signupBody,
        response: { 201: signupOut },
      },
    },
    async (request, reply) => {
      assertStrongPassword(request.body.password);
      const passwordHash = await hashPassword(request.body.password);
      const result = await publicChange(deps, (ctx) => signUp(ctx, request.body, passwordHash, { ...requestMeta(request), appUrl: appUrl(deps, request) }));
      setSessionCookie(reply, deps, request, result.session);
      const actor = await freshActor(deps, result.firmId, result.userId, result.session.token);
      // A new firm requires no second factor.
      const me = await loadMe(deps, actor, result.session.csrfToken, false);
      return reply.code(201).send({ firm: me.firm, user: me, token: result.session.token });
    },
  );

  app.post(
    "/sessions",
    {
      config: { auth: "public", limits: SIGN_IN_LIMITS, sends: ["Set-Cookie"], errors: ["invalid_credentials", "sso_required", "two_factor_required", "two_factor_invalid", "firm_closed"] },
      schema: {
        tags: ["accounts"],
        operationId: "signIn",
        summary: "Sign in with email and password (and a code, with two-factor)",
        description: "Answers a session token (send it as `Authorization: Bearer`) and sets the session cookie. A wrong password, an unknown email and a user who cannot sign in get the same 401 `invalid_credentials`. With two-factor on (SES-3), the right password without `code` is 401 `two_factor_required` and opens nothing; a wrong, used or expired code is 401 `two_factor_invalid`. `code` is the authenticator's 6-digit code or a recovery code; each works once. The right password of someone whose firm enforces single sign-on (and who is not on its exception list) gets 403 `sso_required`: they sign in at `/sso/saml/{firm_id}/login`. Once the firm's account is closed (CLS-2), its administrators still sign in, to read and export; anyone else with the right password gets 403 `firm_closed`.",
        body: signInBody,
        response: { 201: sessionCreatedOut },
      },
    },
    async (request, reply) => {
      const result = await signIn(db, deps.clock, request.body, requestMeta(request));
      setSessionCookie(reply, deps, request, result.session);
      const actor = await freshActor(deps, result.firmId, result.userId, result.session.token);
      const { firm } = await loadFirm(db, actor.firmId);
      const user = await findUser(db, actor.firmId, firm.primarySubscriberId, actor.userId);
      return reply.code(201).send({
        token: result.session.token,
        user: presentUser(user!, actor, deps.clock.now()),
        expires_at: result.session.expiresAt!.toISOString(),
      });
    },
  );

  app.delete(
    "/sessions/current",
    { config: { auth: "user", beforeTwoFactor: true, whileClosed: true, sends: ["Set-Cookie"] }, schema: { tags: ["accounts"], operationId: "signOut", summary: "Sign out", description: "Ends the session this request uses and clears the session cookie.", response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction((tx) => revokeOwnSession({ tx, clock: deps.clock, actor }, actor.sessionId, actor.sessionKind));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/me",
    { config: { auth: "user", beforeTwoFactor: true, resolve: resolveSessionWithMe }, schema: { tags: ["accounts"], summary: "The signed-in user", description: "The user, with their permissions, their abilities (their own record's and the firm-wide ones, CON-2), the firm, and the `csrf_token` that cookie sessions send as X-CSRF-Token. `two_factor_enrollment_required` true: the firm requires two-factor and this user has none, and until they enrol only /me, the two-factor endpoints and signing out answer (others 403 `two_factor_enrollment_required`).", response: { 200: meOut } } },
    async (request) => loadMe(deps, actorOf(request), request.csrfToken ?? "", request.twoFactorEnrollmentRequired, request.sessionLoaded),
  );

  app.get(
    "/firm",
    { config: { auth: "user" }, schema: { tags: ["accounts"], summary: "The firm", description: "Its name, status, primary subscriber, subscription, and `sso`: its SAML single sign-on in brief (identity provider, whether enforced, when last tested), or null when it has none.", response: { 200: firmOut } } },
    async (request) => {
      const { firm, subscription, sso } = await loadFirmWithSso(db, actorOf(request).firmId);
      return presentFirm(firm, subscription, sso);
    },
  );

  app.patch(
    "/firm",
    {
      config: { auth: "firm.settings", errors: ["conflict"] },
      schema: {
        tags: ["accounts"],
        operationId: "updateFirm",
        summary: "Rename the firm, or require two-factor sign-in of everyone (SES-3)",
        description: "With `two_factor_required`, people signing in with a password who have no second factor must enrol one before anything else; 409 when the administrator asking has none themselves. Recorded in the feed.",
        body: firmPatchBody,
        response: { 200: firmOut },
      },
    },
    async (request) => {
      const { firm, subscription, sso } = await change(deps, request, (ctx) => updateFirm(ctx, request.body));
      return presentFirm(firm, subscription, sso);
    },
  );
}
