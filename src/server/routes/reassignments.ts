/** Work reassignment (REA-1..REA-10): preview, run, list, read, and the CSV report. */
import { getReassignment } from "../../domain/reassignments/get-reassignment.js";
import { listReassignments } from "../../domain/reassignments/list-reassignments.js";
import { previewReassignment } from "../../domain/reassignments/preview-reassignment.js";
import { reassignWork } from "../../domain/reassignments/reassign-work.js";
import { streamReassignmentReport } from "../../domain/reassignments/stream-reassignment-report.js";
import { reassignmentBody, reassignmentOut, reassignmentPreviewOut, reassignmentsQuery } from "../../shared/reassignment-schemas.js";
import { idParam, listOf } from "../../shared/schemas.js";
import { mediaResponse } from "../openapi/media.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

const RULES =
  "Matters open or pending and not private, with the person as responsible attorney (REA-2); their tasks not completed and not past due (REA-3); their upcoming events on their own calendar (REA-4), the tasks and events on an open or pending matter that is not private. Nothing of a closed or private matter, nor tasks and events without a matter, ever moves (REA-5).";
const TARGETS =
  "`from_user_id` is any active or deactivated user of the firm (another firm's answers 404); each of `matters_to`, `tasks_to`, `events_to` is optional, at least one is given, and each must be another active user of the firm (400 naming the field otherwise).";

export async function reassignmentRoutes(app: App, deps: Deps) {
  app.post(
    "/reassignments/preview",
    {
      config: { auth: "users.manage", errors: ["not_found"] },
      schema: {
        tags: ["reassignments"],
        operationId: "previewReassignment",
        summary: "What a reassignment would move, and what it would not (REA-6)",
        description: `Changes nothing. Per kind with a target: the exact count and the first 50 items; per reason, how many items stay (closed, no_matter, private, past_due, attendee_only). Private matters are counted, never listed. ${RULES} ${TARGETS}`,
        body: reassignmentBody,
        response: { 200: reassignmentPreviewOut },
      },
    },
    async (request) => read(deps, request, (ctx) => previewReassignment(ctx, request.body)),
  );

  app.post(
    "/reassignments",
    {
      config: { auth: "users.manage", errors: ["not_found", "conflict"] },
      schema: {
        tags: ["reassignments"],
        operationId: "reassignWork",
        summary: "Move a user's work to active colleagues, all or nothing (REA-1, REA-7)",
        description: `${RULES} ${TARGETS} Each item moves once even when two reassignments of the same work run at once; each recipient gets one notification and one email summing up what they received (REA-8); the feed records it (REA-10).`,
        body: reassignmentBody,
        response: { 201: reassignmentOut },
      },
    },
    async (request, reply) => {
      const done = await change(deps, request, async (ctx) => getReassignment(readingIn(ctx), await reassignWork(ctx, request.body)));
      return reply.code(201).send(done);
    },
  );

  app.get(
    "/reassignments",
    {
      config: { auth: "users.manage" },
      schema: { tags: ["reassignments"], summary: "The firm's reassignments, newest first; filter: `from_user_id`", querystring: reassignmentsQuery, response: { 200: listOf(reassignmentOut) } },
    },
    async (request) => read(deps, request, (ctx) => listReassignments(ctx, request.query)),
  );

  app.get(
    "/reassignments/:id",
    { config: { auth: "users.manage" }, schema: { tags: ["reassignments"], summary: "One reassignment", params: idParam, response: { 200: reassignmentOut } } },
    async (request) => read(deps, request, (ctx) => getReassignment(ctx, request.params.id)),
  );

  app.get(
    "/reassignments/:id/report.csv",
    {
      config: { auth: "users.manage" },
      schema: {
        tags: ["reassignments"],
        operationId: "getReassignmentReport",
        summary: "Every item a reassignment moved, as CSV (REA-9)",
        description:
          "Columns: kind (matter, task, event), item_id, item (a matter's number, a task's name, an event's title), matter, from, to, reassigned_at. Streamed; cells a spreadsheet would run as formulas are written as text (SEC-6); an item of a matter that is private names nothing but that.",
        params: idParam,
        response: { 200: mediaResponse("text/csv", "The report as a CSV file.") },
      },
    },
    async (request, reply) => {
      const csv = await read(deps, request, (ctx) => streamReassignmentReport(ctx, request.params.id));
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="reassignment-${request.params.id}.csv"`)
        .send(csv);
    },
  );
}
