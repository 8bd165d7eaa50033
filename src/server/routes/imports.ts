/** Bulk import of users from CSV (IMP-1..8): the template, the upload, its progress and its error report. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { getErrorReport } from "../../domain/imports/get-error-report.js";
import { getImport } from "../../domain/imports/get-import.js";
import { importUsers } from "../../domain/imports/import-users.js";
import { ImportProgress, type ProgressEvent } from "../../domain/imports/import-progress.js";
import { readUserCsv } from "../../domain/imports/read-user-csv.js";
import { failureMessage, recordImportFailure } from "../../domain/imports/record-import-failure.js";
import { validation } from "../../domain/errors.js";
import { IMPORT_COLUMNS, IMPORT_TEMPLATE_CSV, importOptions, importOut, type ImportOut } from "../../shared/import-schemas.js";
import { LIMITS } from "../../shared/limits.js";
import { idParam } from "../../shared/schemas.js";
import { acceptCsvUploads, readCsvUpload } from "../csv-upload.js";
import { appUrl } from "../http.js";
import { idempotent } from "../idempotency.js";
import { mediaResponse } from "../openapi/media.js";
import { actorOf } from "../plugins/auth.js";
import { change, read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

const EXAMPLE_CSV = `${IMPORT_COLUMNS.join(",")}\r\nsam@walsh-ortiz.example,Sam,Ortiz,SO,America/Chicago,"1 Main St, Suite 2",Chicago,IL,60601,US,+1 312 555 0100,Attorney\r\n`;
const flag = { type: "string", enum: ["true", "false"], default: "false" };

/** The upload as the document shows it: a form with the file, or the bare file. */
const UPLOAD_BODY = {
  description: `The CSV file (UTF-8, at most ${LIMITS.importBytesMax / 1024 / 1024} MB and ${LIMITS.importRowsMax.toLocaleString("en-US")} rows) with the columns of the template. As multipart/form-data the options are form fields; with a text/csv body they are query parameters.`,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object",
        required: ["file", "role_ids"],
        properties: {
          file: { type: "string", contentMediaType: "text/csv", description: "The CSV file." },
          role_ids: { type: "array", items: { type: "string" }, description: "The roles every imported user gets (IMP-6): repeat the field, or send one comma-separated list." },
          send_welcome_email: { ...flag, description: "`true`: each person is sent their invitation now; otherwise invitations are created unsent, to send later (IMP-5)." },
          confirm_purchase: { ...flag, description: "`true`: buy the licenses that are missing (LIC-7)." },
        },
        examples: [{ file: EXAMPLE_CSV, role_ids: ["3f0c6b2e-8a51-4c1e-9d0a-6f3e2b7c9d41"], send_welcome_email: "true" }],
      },
    },
    "text/csv": { schema: { type: "string", examples: [EXAMPLE_CSV] } },
  },
};

const uploadQuery = z.object({
  role_ids: z.union([z.string().max(5000), z.array(z.string().max(100)).max(50)]).optional(),
  send_welcome_email: z.enum(["true", "false"]).optional(),
  confirm_purchase: z.enum(["true", "false"]).optional(),
});

const idempotencyKey = (request: FastifyRequest) => {
  const key = request.headers["idempotency-key"];
  return typeof key === "string" ? key : undefined;
};

/** The form's fields (or the query) as import options, every problem named at once. */
function optionsOf(fields: Record<string, string | string[]>) {
  const parsed = importOptions.safeParse(fields);
  if (parsed.success) return parsed.data;
  throw validation(parsed.error.issues.map((i) => ({ path: i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(",") : ""), message: i.code === "unrecognized_keys" ? "Unknown field." : i.message })));
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export async function importRoutes(app: App, deps: Deps) {
  const progress = new ImportProgress();
  const { db } = deps.database;

  await app.register(async (plain) => {
    await acceptCsvUploads(plain);
    const scope = plain as unknown as App;

    scope.get(
      "/imports/users/template.csv",
      {
        config: { auth: "users.manage" },
        schema: { tags: ["imports"], operationId: "downloadImportTemplate", summary: "The CSV template of a user import (IMP-1)", description: `The header row alone: ${IMPORT_COLUMNS.join(", ")}. Required: email, first_name, last_name, subscription_type (Attorney or Non-attorney).`, response: { 200: mediaResponse("text/csv", "The template, UTF-8 with a byte-order mark.") } },
      },
      async (_request, reply) =>
        reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="users-import-template.csv"').send(IMPORT_TEMPLATE_CSV),
    );

    scope.post(
      "/imports/users",
      {
        config: { auth: "users.manage", errors: ["license_purchase_required", "email_in_use"], requestBody: UPLOAD_BODY },
        schema: {
          tags: ["imports"],
          operationId: "importUsers",
          summary: "Import users from a CSV file, all or nothing (IMP-2..7)",
          description:
            "Every row is checked (email form, emails repeated in the file or already in use, initials, time zone, lengths). If any row fails, nobody is imported: the answer is 201 with `status: failed`, `errors` lists the first problems (row 1 is the first under the header) and GET /imports/{id}/errors.csv has every row with an `errors` column. A file that is no CSV of users (too large, too many rows, not UTF-8, binary, empty, a header only, a missing required column, an unknown or repeated column, a quote never closed) answers 400 or 413 naming the problem, and nothing is kept. Each person takes a license: with too few free, 409 `license_purchase_required` with a `quote`; repeat with `confirm_purchase=true` to buy them. Imported users are invited: with `send_welcome_email=true` each gets their invitation now, otherwise it is created unsent. With `Prefer: respond-async` the answer comes as soon as the licenses are secured, with `status: running`; follow GET /imports/{id}/progress. Send an Idempotency-Key so that a retry imports once.",
          headers: z.object({ "idempotency-key": z.string().max(200).optional(), prefer: z.string().max(200).optional() }).passthrough(),
          querystring: uploadQuery,
          response: { 201: importOut },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const upload = await readCsvUpload(request, readUserCsv);
        const options = optionsOf(upload.fields);
        let early: (running: ImportOut) => void = () => undefined;
        const started = new Promise<ImportOut>((resolve) => (early = resolve));
        const reporter = progress.reporter(actor.firmId, (running) => early(running));
        const fingerprint = { method: request.method, url: request.url, body: { file: upload.result.digest, file_name: upload.fileName, ...options } };
        const work = idempotent(db, deps.clock, actor, idempotencyKey(request), fingerprint, async (tx) => ({
          status: 201,
          body: await importUsers({ tx, clock: deps.clock, actor }, upload.result, { fileName: upload.fileName, roleIds: options.role_ids, sendWelcomeEmail: options.send_welcome_email, confirmPurchase: options.confirm_purchase, appUrl: appUrl(deps, request) }, reporter),
        }));
        // IMP-8: asked to, answer once the import is sure to run, and let it finish meanwhile.
        if (/\brespond-async\b/i.test(request.headers.prefer ?? "")) {
          const first = await Promise.race([work.then((answer) => ({ answer })), started.then((running) => ({ running }))]);
          if ("running" in first) {
            // Whoever follows it learns how it ended, even when it ends in an error.
            const settled = work.then(
              (answer) => reporter.finished(answer.body as ImportOut),
              async (err: unknown) => {
                request.log.error({ err, import_id: first.running.id }, "import failed after it answered running");
                const failed = change(deps, request, (ctx) => recordImportFailure(ctx, first.running, failureMessage(err)));
                await failed.then(reporter.finished, (lost: unknown) => {
                  reporter.finished(null);
                  throw lost;
                });
              },
            );
            deps.background.run("import", () => settled);
            return reply.code(201).send(first.running);
          }
        }
        const answer = await work.catch((err: unknown) => {
          reporter.finished(null);
          throw err;
        });
        reporter.finished(answer.body as ImportOut);
        if (answer.replayed) reply.header("idempotent-replayed", "true");
        return reply.code(201).send(answer.body as ImportOut);
      },
    );

    scope.get(
      "/imports/:id",
      { config: { auth: "users.manage" }, schema: { tags: ["imports"], operationId: "getImport", summary: "An import: running, completed or failed", params: idParam, response: { 200: importOut } } },
      async (request) => read(deps, request, (ctx) => getImport(ctx, request.params.id, progress)),
    );

    scope.get(
      "/imports/:id/progress",
      {
        config: { auth: "users.manage" },
        schema: {
          tags: ["imports"],
          operationId: "streamImportProgress",
          summary: "text/event-stream of an import's progress (IMP-8)",
          description:
            "Events `progress` with data `{ processed, rows }` as the import goes, then one `done` with the import as GET /imports/{id} shows it, and the stream ends. An import already finished sends its last `progress` and `done` at once.",
          params: idParam,
          response: { 200: mediaResponse("text/event-stream", "Server-sent events until the import ends.") },
        },
      },
      async (request, reply) => {
        const current = await read(deps, request, (ctx) => getImport(ctx, request.params.id, progress));
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" });
        const send = (e: ProgressEvent) => {
          if (res.writableEnded) return;
          res.write(sse("progress", { processed: e.processed, rows: e.rows }));
          if (e.done) res.end(sse("done", e.done));
        };
        const running = progress.running(actorOf(request).firmId, current.id);
        if (!running) {
          send({ processed: current.status === "completed" ? current.rows : 0, rows: current.rows, done: current });
          return;
        }
        const unsubscribe = progress.subscribe(current.id, send);
        res.once("close", unsubscribe);
        send({ processed: running.processed, rows: current.rows });
      },
    );

    scope.get(
      "/imports/:id/errors.csv",
      {
        config: { auth: "users.manage" },
        schema: { tags: ["imports"], operationId: "downloadImportErrors", summary: "The error report of a failed import (IMP-4)", description: "Every row of the file, in order, as it was, with an `errors` column saying what to fix; fix it and upload it again (the `errors` column is ignored). 404 for an import that did not fail.", params: idParam, response: { 200: mediaResponse("text/csv", "The error report.") } },
      },
      async (request, reply) => {
        const report = await read(deps, request, (ctx) => getErrorReport(ctx, request.params.id));
        return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${report.fileName}"`).send(report.csv);
      },
    );
  });
}
