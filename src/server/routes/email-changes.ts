/** Changing a login email (EML-1, EML-3, EML-4; ACC-4, ACC-5). */
import { confirmEmailChange } from "../../domain/emails/confirm-email-change.js";
import { requestEmailChange } from "../../domain/emails/request-email-change.js";
import { requestOwnEmailChange } from "../../domain/emails/request-own-email-change.js";
import { change, publicChange } from "../use-case.js";
import { notFound } from "../../domain/errors.js";
import { loadFirm } from "../../domain/firms/load-firm.js";
import { actorFor, findUser } from "../../domain/users/user-record.js";
import { confirmEmailBody, emailChangeBody, emailChangeOut, idParam, selfEmailChangeBody, userOut } from "../../shared/schemas.js";
import { perAddress, perUser } from "../plugins/rate-limits.js";
import { presentUser } from "../present.js";
import { appUrl } from "../http.js";
import type { App, Deps } from "../deps.js";

export async function emailChangeRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.post(
    "/me/email-change",
    {
      config: { auth: "user", limits: [perUser("email-change", 10, 60)], errors: ["email_in_use", "sso_required"] },
      schema: {
        tags: ["me"],
        operationId: "changeMyEmail",
        summary: "Change my login email: a link goes to the new address (EML-1)",
        description: "Needs the current password. Nothing changes until the link sent to the new address is opened (POST /api/v1/email-changes/confirm).",
        body: selfEmailChangeBody,
        response: { 202: emailChangeOut },
      },
    },
    async (request, reply) => {
      const result = await change(deps, request, (ctx) => requestOwnEmailChange(ctx, request.body, appUrl(deps, request)));
      return reply.code(202).send(result);
    },
  );

  app.post(
    "/users/:id/email-change",
    { config: { auth: "users.manage", errors: ["email_in_use"] }, schema: { tags: ["users"], operationId: "changeUserEmail", summary: "Change another user's login email; the new address confirms it (EML-3)", params: idParam, body: emailChangeBody, response: { 202: emailChangeOut } } },
    async (request, reply) => {
      const result = await change(deps, request, (ctx) => requestEmailChange(ctx, request.params.id, request.body.new_email, appUrl(deps, request)));
      return reply.code(202).send(result);
    },
  );

  app.post(
    "/email-changes/confirm",
    { config: { auth: "public", limits: [perAddress("email-change-confirm", 30, 60)], errors: ["not_found", "link_expired", "email_in_use"] }, schema: { tags: ["me"], summary: "Confirm a new login email through its link", description: "The token comes from the link mailed to the new address. A signed-in caller keeps their session; every other session of the user ends.", body: confirmEmailBody, response: { 200: userOut } } },
    async (request) => {
      const signedIn = request.actorOrNull;
      const { firmId, userId } = await publicChange(deps, (ctx) =>
        confirmEmailChange(ctx, request.body.token, signedIn ? signedIn.sessionId : null),
      );
      const { firm } = await loadFirm(db, firmId);
      const user = await findUser(db, firmId, firm.primarySubscriberId, userId);
      if (!user) throw notFound("User");
      const viewer = signedIn && signedIn.firmId === firmId ? signedIn : actorFor(user);
      return presentUser(user, viewer, deps.clock.now());
    },
  );
}
