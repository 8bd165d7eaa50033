/** Two-factor sign-in (SES-3): one's own enrolment, and an administrator's reset of someone else's. */
import { z } from "zod";
import { beginTwoFactor } from "../../domain/two-factor/begin-two-factor.js";
import { confirmTwoFactor } from "../../domain/two-factor/confirm-two-factor.js";
import { disableTwoFactor } from "../../domain/two-factor/disable-two-factor.js";
import { getTwoFactor } from "../../domain/two-factor/get-two-factor.js";
import { resetTwoFactor } from "../../domain/two-factor/reset-two-factor.js";
import { idParam, recoveryCodesOut, twoFactorBeginBody, twoFactorBegunOut, twoFactorConfirmBody, twoFactorDisableBody, twoFactorStateOut } from "../../shared/schemas.js";
import { perUser, TWO_FACTOR_CODE_LIMIT } from "../plugins/rate-limits.js";
import { change, read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

/** Password guesses through enrolment, as through changing the password. */
const PASSWORD_LIMIT = perUser("two-factor-password", 10, 15 * 60);

export async function twoFactorRoutes(app: App, deps: Deps) {
  app.get(
    "/me/two-factor",
    { config: { auth: "user", beforeTwoFactor: true }, schema: { tags: ["me"], operationId: "getMyTwoFactor", summary: "Whether I sign in with a second factor, whether my firm requires it, and how many recovery codes I have left", response: { 200: twoFactorStateOut } } },
    async (request) => read(deps, request, (ctx) => getTwoFactor(ctx)),
  );

  app.post(
    "/me/two-factor",
    {
      config: { auth: "user", beforeTwoFactor: true, limits: [PASSWORD_LIMIT], errors: ["conflict"] },
      schema: {
        tags: ["me"],
        operationId: "beginMyTwoFactor",
        summary: "Begin enrolling an authenticator app (with my password)",
        description: "Answers the new secret, its `otpauth://` URL and a QR code (SVG) of it, this once. Nothing changes at sign-in until a first code confirms it; beginning again replaces an unconfirmed secret. 409 when two-factor is already on.",
        body: twoFactorBeginBody,
        response: { 201: twoFactorBegunOut },
      },
    },
    async (request, reply) => reply.code(201).send(await change(deps, request, (ctx) => beginTwoFactor(ctx, request.body.password))),
  );

  app.post(
    "/me/two-factor/confirm",
    {
      config: { auth: "user", beforeTwoFactor: true, limits: [TWO_FACTOR_CODE_LIMIT], errors: ["conflict"] },
      schema: {
        tags: ["me"],
        operationId: "confirmMyTwoFactor",
        summary: "Confirm enrolment with a first code; two-factor is then on",
        description: "Answers ten single-use recovery codes, this once (only their hashes are kept). A wrong code is 400 naming `code`; 409 when no enrolment was begun.",
        body: twoFactorConfirmBody,
        response: { 200: recoveryCodesOut },
      },
    },
    async (request) => change(deps, request, (ctx) => confirmTwoFactor(ctx, request.body.code)),
  );

  app.delete(
    "/me/two-factor",
    {
      config: { auth: "user", beforeTwoFactor: true, limits: [TWO_FACTOR_CODE_LIMIT, PASSWORD_LIMIT], errors: ["conflict"] },
      schema: {
        tags: ["me"],
        operationId: "disableMyTwoFactor",
        summary: "Turn off my second factor (with my password and a code)",
        description: "409 while the firm requires two-factor, or when it is not on. A wrong password or code is 400 naming the field.",
        body: twoFactorDisableBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await change(deps, request, (ctx) => disableTwoFactor(ctx, request.body));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/users/:id/two-factor",
    {
      config: { auth: "users.manage", errors: ["conflict"] },
      schema: {
        tags: ["users"],
        operationId: "resetUserTwoFactor",
        summary: "Reset a user's second factor (a lost phone); they are told by email",
        description: "Their authenticator and recovery codes stop working; they enrol again after signing in. The primary subscriber's is theirs alone to reset. 409 when the user has none.",
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await change(deps, request, (ctx) => resetTwoFactor(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
}
