/** ACC-6: the primary subscriber transfers ownership of the firm to another administrator. */
import { z } from "zod";
import { transferOwnership } from "../../domain/firms/transfer-ownership.js";
import { LIMITS } from "../../shared/limits.js";
import { firmOut, withExample } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import { perUser } from "../plugins/rate-limits.js";
import { presentFirm } from "../present.js";
import type { App, Deps } from "../deps.js";

const ownershipTransferBody = withExample(
  z.strictObject({
    to_user_id: z.string().min(1, "Required.").max(100),
    password: z.string().min(1, "Required.").max(LIMITS.passwordMax),
    // Not trimmed: the name is compared exactly as typed.
    full_name: z.string().min(1, "Required.").max(2 * LIMITS.nameMax + 1),
  }),
  { to_user_id: "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", password: "correct horse battery staple", full_name: "Sam Ortiz" },
);

export async function ownershipRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.post(
    "/firm/ownership-transfer",
    {
      config: {
        auth: "firm.settings",
        // It checks a password: limit guesses per signed-in user, whatever address they come from.
        limits: [perUser("ownership-transfer", 10, 60)],
        errors: ["not_found"],
      },
      schema: {
        tags: ["accounts"],
        operationId: "transferFirmOwnership",
        description: "Only the primary subscriber may, to another active administrator of the firm, with their own password and the new owner's full name typed exactly.",
        summary: "Transfer ownership to another active administrator (primary subscriber only; needs the password and full name)",
        body: ownershipTransferBody,
        response: { 200: firmOut },
      },
    },
    async (request) => {
      const { firm, subscription, sso } = await transferOwnership(db, deps.clock, actorOf(request), request.body);
      return presentFirm(firm, subscription, sso);
    },
  );
}
