/** Changing one's password and resetting a forgotten one by email (ACC-9, SEC-3, SEC-8). */
import { z } from "zod";
import { changePassword } from "../../domain/passwords/change-password.js";
import { requestPasswordReset } from "../../domain/passwords/request-password-reset.js";
import { resetPassword } from "../../domain/passwords/reset-password.js";
import { changePasswordBody, passwordResetBody, passwordResetConfirmBody } from "../../shared/schemas.js";
import { change, publicChange } from "../use-case.js";
import { perAddress, perEmail, perUser } from "../plugins/rate-limits.js";
import { appUrl } from "../http.js";
import type { App, Deps } from "../deps.js";

export async function passwordRoutes(app: App, deps: Deps) {
  app.post(
    "/me/password",
    {
      // It checks a password: guesses are limited per user, whatever address they come from.
      config: { auth: "user", limits: [perUser("password-change", 10, 15 * 60)] },
      schema: {
        tags: ["me"],
        operationId: "changeMyPassword",
        summary: "Change my password with the current one; every other session and API token ends",
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await change(deps, request, (ctx) => changePassword(ctx, request.body));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/password-resets",
    {
      config: { auth: "public", limits: [perAddress("password-reset:address", 20, 3600), perEmail("password-reset:account", 5, 3600)] },
      schema: {
        tags: ["accounts"],
        operationId: "requestPasswordReset",
        description: "The link is mailed only when the email belongs to an active user; it works once, for one hour.",
        summary: "Ask for a password-reset link by email; the answer is the same whether or not the email has an account",
        body: passwordResetBody,
        response: { 202: { description: "Accepted; the body is JSON `null`.", content: { "application/json": { schema: z.null() } } } },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      const url = appUrl(deps, request);
      // Answered before the look-up, so the time taken says nothing about the email.
      deps.background.run("password-reset", () => publicChange(deps, (ctx) => requestPasswordReset(ctx, email, url)));
      return reply.code(202).send(null);
    },
  );

  app.post(
    "/password-resets/confirm",
    {
      config: { auth: "public", limits: [perAddress("password-reset-confirm", 20, 15 * 60)], errors: ["reset_invalid", "reset_expired"] },
      schema: {
        tags: ["accounts"],
        summary: "Set a new password through a reset link; every session and API token ends",
        body: passwordResetConfirmBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await publicChange(deps, (ctx) => resetPassword(ctx, request.body));
      return reply.code(204).send(null);
    },
  );
}
