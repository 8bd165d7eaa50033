/** CLS-1, CLS-2: closing the firm's account, and the export of its data. */
import { z } from "zod";
import { closeFirm } from "../../domain/firms/close-firm.js";
import { exportFileName, exportFirm } from "../../domain/firms/export-firm.js";
import { LIMITS } from "../../shared/limits.js";
import { firmOut, withExample } from "../../shared/schemas.js";
import { mediaResponse } from "../openapi/media.js";
import { actorOf } from "../plugins/auth.js";
import { perUser } from "../plugins/rate-limits.js";
import { presentFirm } from "../present.js";
import { read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

const closeBody = withExample(
  z.strictObject({
    reason: z.string().trim().min(1, "Say why the account is being closed.").max(LIMITS.closeReasonMax),
    password: z.string().min(1, "Required.").max(LIMITS.passwordMax),
    // Not trimmed: the name is compared exactly as typed.
    firm_name: z.string().min(1, "Required.").max(LIMITS.firmNameMax * 2),
  }),
  { reason: "The practice is merging into another firm.", password: "correct horse battery staple", firm_name: "Ortiz & Partners LLP" },
);

export async function closingRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.post(
    "/firm/close",
    {
      config: {
        auth: "firm.settings",
        // It checks a password: limit guesses per signed-in user, whatever address they come from.
        limits: [perUser("firm-close", 10, 60)],
      },
      schema: {
        tags: ["accounts"],
        operationId: "closeFirm",
        summary: "Close the firm's account (administrators; needs the reason, the password and the firm's name typed exactly)",
        description:
          "In one step: the firm becomes `closed`; every session, API token and SCIM token of the firm ends; nothing is charged again; scheduled work (renewals, scheduled deactivations, license removals) is cancelled. For 90 days the data stays read-only: administrators can sign in, read and download GET /firm/export, every other change answers 409 `firm_closed`, and other users cannot sign in. Seven days before the end the feed and the administrators are told again; then every record of the firm is deleted. Closing a closed firm answers 409 `firm_closed`.",
        body: closeBody,
        response: { 200: firmOut },
      },
    },
    async (request) => {
      const { firm, subscription, sso } = await closeFirm(db, deps.clock, actorOf(request), request.body);
      return presentFirm(firm, subscription, sso);
    },
  );

  app.get(
    "/firm/export",
    {
      config: { auth: "firm.settings", limits: [perUser("firm-export", 10, 3600)] },
      schema: {
        tags: ["accounts"],
        operationId: "exportFirm",
        summary: "The firm's data as a zip of CSV files (administrators; also while closed)",
        description:
          "One CSV file a table: users (with their roles and groups), roles, user_roles, groups, group_members, contacts, matters, matter_groups, custom_rates, tasks, calendar_events, event_attendees, message_threads, thread_users, thread_contacts, messages, invitations, feed and charges. Streamed as it is read. Cells a spreadsheet would run as formulas are written as text (SEC-6); no password or link hash is included.",
        response: { 200: mediaResponse("application/zip", "The export, as a zip file.") },
      },
    },
    async (request, reply) => {
      const zip = await read(deps, request, async (ctx) => exportFirm(ctx));
      return reply.type("application/zip").header("content-disposition", `attachment; filename="${exportFileName(deps.clock.now())}"`).send(zip);
    },
  );
}
