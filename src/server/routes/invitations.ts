/** Invitations (INV-1 to INV-7), with Idempotency-Key on creation. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { assertStrongPassword, hashPassword } from "../../domain/accounts/passwords.js";
import type { Actor } from "../../domain/context.js";
import { notFound } from "../../domain/errors.js";
import { loadFirm } from "../../domain/firms/load-firm.js";
import { idempotent } from "../idempotency.js";
import { acceptInvitation, lookupInvitation } from "../../domain/invitations/accept-invitation.js";
import { inviteUser } from "../../domain/invitations/invite-user.js";
import { resendInvitation, revokeInvitation } from "../../domain/invitations/manage-invitation.js";
import { presentCharge } from "../../domain/licenses/license-state.js";
import { findUser } from "../../domain/users/user-record.js";
import { resolveSession } from "../../domain/sessions/resolve-session.js";
import { acceptBody, idParam, invitationLookupOut, invitedOut, inviteBody, problemOut, userOut } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import { perAddress } from "../plugins/rate-limits.js";
import { presentUser } from "../present.js";
import { appUrl, setSessionCookie } from "./accounts.js";
import type { App, Deps } from "../deps.js";

const idempotencyKey = (request: FastifyRequest) => {
  const key = request.headers["idempotency-key"];
  return typeof key === "string" ? key : undefined;
};

/** A user as the actor sees them, read inside the transaction that changed them. */
export async function userAsSeenBy(tx: Tx, deps: Deps, actor: Actor, userId: string) {
  const { firm } = await loadFirm(tx, actor.firmId);
  const user = await findUser(tx, actor.firmId, firm.primarySubscriberId, userId);
  if (!user) throw notFound("User");
  return presentUser(user, actor, deps.clock.now());
}

export async function invitationRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.post(
    "/invitations",
    {
      config: { auth: "users.manage" },
      schema: {
        tags: ["invitations"],
        summary: "Invite one user; buys the license too when `confirm_purchase` is true (LIC-7)",
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }).passthrough(),
        body: inviteBody,
        response: { 201: invitedOut, 409: problemOut.extend({ quote: z.object({ count: z.number(), amount_cents: z.number(), currency: z.string() }).optional() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const answer = await idempotent(db, deps.clock, actor, idempotencyKey(request), request, async (tx) => {
        const result = await inviteUser({ tx, clock: deps.clock, actor }, request.body, appUrl(deps, request));
        return {
          status: 201,
          body: {
            user: await userAsSeenBy(tx, deps, actor, result.userId),
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
      const actor = actorOf(request);
      return db.transaction((tx) => resendInvitation({ tx, clock: deps.clock, actor }, request.params.id, appUrl(deps, request)));
    },
  );

  app.delete(
    "/invitations/:id",
    { config: { auth: "users.manage" }, schema: { tags: ["invitations"], summary: "Revoke a pending invitation (INV-5)", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction((tx) => revokeInvitation({ tx, clock: deps.clock, actor }, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/invitations/lookup",
    {
      config: { auth: "public", limits: [perAddress("invitation-lookup", 60, 60)] },
      schema: { tags: ["invitations"], summary: "What an invitation link is for (no sign-in)", querystring: z.object({ token: z.string().min(1).max(300) }), response: { 200: invitationLookupOut } },
    },
    async (request) => lookupInvitation(db, deps.clock, request.query.token),
  );

  app.post(
    "/invitations/accept",
    {
      config: { auth: "public", limits: [perAddress("invitation-accept", 30, 60)] },
      schema: { tags: ["invitations"], summary: "Accept an invitation with a name and password (INV-6)", body: acceptBody, response: { 201: z.object({ user: userOut, token: z.string() }) } },
    },
    async (request, reply) => {
      assertStrongPassword(request.body.password);
      const passwordHash = await hashPassword(request.body.password);
      const meta = { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
      const result = await db.transaction((tx) => acceptInvitation(tx, deps.clock, request.body, passwordHash, meta));
      setSessionCookie(reply, deps, request, result.session);
      const resolved = await resolveSession(db, deps.clock, result.session.token);
      if (!resolved) throw notFound("User");
      const user = await db.transaction((tx) => userAsSeenBy(tx, deps, resolved.actor, result.userId));
      return reply.code(201).send({ user, token: result.session.token });
    },
  );
}
