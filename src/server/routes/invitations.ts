/** Invitations (INV-1 to INV-7), with Idempotency-Key on creation. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { assertStrongPassword, hashPassword } from "../../domain/accounts/passwords.js";
import { notFound } from "../../domain/errors.js";
import { idempotent } from "../idempotency.js";
import { acceptInvitation } from "../../domain/invitations/accept-invitation.js";
import { lookupInvitation } from "../../domain/invitations/lookup-invitation.js";
import { inviteUser } from "../../domain/invitations/invite-user.js";
import { resendInvitation } from "../../domain/invitations/resend-invitation.js";
import { revokeInvitation } from "../../domain/invitations/revoke-invitation.js";
import { presentCharge } from "../../domain/licenses/license-state.js";
import { resolveSession } from "../../domain/sessions/resolve-session.js";
import { acceptBody, idParam, invitationLookupOut, invitedOut, inviteBody, userOut } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import { perAddress } from "../plugins/rate-limits.js";
import { presentUserTo } from "../present.js";
import { appUrl, requestMeta, setSessionCookie } from "../http.js";
import { change, publicChange, readingIn } from "../use-case.js";
import { getUser } from "../../domain/users/get-user.js";
import type { App, Deps } from "../deps.js";

const idempotencyKey = (request: FastifyRequest) => {
  const key = request.headers["idempotency-key"];
  return typeof key === "string" ? key : undefined;
};

/** A user as the actor sees them, read inside the transaction that changed them. */
export async function invitationRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.post(
    "/invitations",
    {
      config: { auth: "users.manage", errors: ["email_in_use", "license_purchase_required"] },
      schema: {
        tags: ["invitations"],
        operationId: "inviteUser",
        summary: "Invite one user; buys the license too when `confirm_purchase` is true (LIC-7)",
        description:
          "The user is created as invited, holding a license, and mailed a link that works for 7 days. With no license free the answer is 409 `license_purchase_required` with a `quote`; repeat with `confirm_purchase: true` (and the `licenses.manage` permission) to buy it in the same step. Send an Idempotency-Key so that a retry invites once.",
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }).passthrough(),
        body: inviteBody,
        response: { 201: invitedOut },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const answer = await idempotent(db, deps.clock, actor, idempotencyKey(request), request, async (tx) => {
        const ctx = { tx, clock: deps.clock, actor };
        const result = await inviteUser(ctx, request.body, appUrl(deps, request));
        return {
          status: 201,
          body: {
            user: presentUserTo(readingIn(ctx), await getUser(tx, actor, result.userId)),
            invitation: { id: result.invitationId, expires_at: result.expiresAt.toISOString() },
            charge: result.charge ? presentCharge(result.charge) : null,
          },
        };
      });
      if (answer.replayed) reply.header("idempotent-replayed", "true");
      return reply.code(201).send(answer.body as z.infer<typeof invitedOut>);
    },
  );

  app.post(
    "/invitations/:id/resend",
    { config: { auth: "users.manage" }, schema: { tags: ["invitations"], summary: "Send a new link; the old one dies (INV-4)", params: idParam, response: { 200: z.object({ id: z.string(), expires_at: z.string() }) } } },
    async (request) => {
      return change(deps, request, (ctx) => resendInvitation(ctx, request.params.id, appUrl(deps, request)));
    },
  );

  app.delete(
    "/invitations/:id",
    { config: { auth: "users.manage" }, schema: { tags: ["invitations"], operationId: "revokeInvitation", summary: "Revoke a pending invitation (INV-5)", description: "The link dies and the invited user is removed from the list; their license is free again.", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => revokeInvitation(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/invitations/lookup",
    {
      config: { auth: "public", limits: [perAddress("invitation-lookup", 60, 60)], errors: ["invitation_invalid"] },
      schema: { tags: ["invitations"], operationId: "lookupInvitation", summary: "What an invitation link is for (no sign-in)", description: "For the accept page: whose invitation the link's token is, and whether it has expired.", querystring: z.object({ token: z.string().min(1).max(300) }), response: { 200: invitationLookupOut } },
    },
    async (request) => lookupInvitation(db, deps.clock, request.query.token),
  );

  app.post(
    "/invitations/accept",
    {
      config: { auth: "public", limits: [perAddress("invitation-accept", 30, 60)], errors: ["invitation_invalid", "invitation_expired", "sso_required"], sends: ["Set-Cookie"] },
      schema: { tags: ["invitations"], summary: "Accept an invitation with a name and password (INV-6)", description: "The user becomes active and is signed in: the answer carries a session token and sets the session cookie.", body: acceptBody, response: { 201: z.object({ user: userOut, token: z.string() }) } },
    },
    async (request, reply) => {
      assertStrongPassword(request.body.password);
      const passwordHash = await hashPassword(request.body.password);
      const result = await publicChange(deps, (ctx) => acceptInvitation(ctx, request.body, passwordHash, requestMeta(request)));
      setSessionCookie(reply, deps, request, result.session);
      const resolved = await resolveSession(db, deps.clock, result.session.token);
      if (!resolved) throw notFound("User");
      const asThem = { db, clock: deps.clock, actor: resolved.actor };
      const user = presentUserTo(asThem, await getUser(db, resolved.actor, result.userId));
      return reply.code(201).send({ user, token: result.session.token });
    },
  );
}
