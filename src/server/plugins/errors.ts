/** Every error leaves as application/problem+json with a stable code (API.md, DESIGN habit 9). */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../../domain/errors.js";
import { ERROR_CODES, type ErrorCode, type FieldError } from "../../shared/errors.js";

const TITLES: Partial<Record<ErrorCode, string>> = {
  validation_failed: "Invalid request",
  unauthenticated: "Not signed in",
  invalid_credentials: "Invalid credentials",
  forbidden: "Forbidden",
  not_found: "Not found",
  rate_limited: "Too many requests",
  internal_error: "Internal error",
};

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[]; [k: string]: unknown } = {},
) {
  const status = ERROR_CODES[code];
  const title = TITLES[code] ?? code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  return reply
    .code(status)
    .type("application/problem+json")
    .send({ type: `https://chambers.dev/problems/${code.replace(/_/g, "-")}`, title, status, detail, code, ...extra });
}

/** `/email` becomes `email`; unknown keys name themselves. */
function fieldErrors(error: FastifyError & { validation?: unknown[] }): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) {
    return (error.validation ?? []).map(() => ({ path: "", message: error.message }));
  }
  const out: FieldError[] = [];
  for (const v of error.validation) {
    const path = v.instancePath.replace(/^\//, "").replace(/\//g, ".");
    const keys = (v.params as { keys?: string[] }).keys;
    if (v.keyword === "unrecognized_keys" && keys) {
      for (const key of keys) out.push({ path: path ? `${path}.${key}` : key, message: "Unknown field." });
    } else {
      out.push({ path, message: v.message ?? "Invalid value." });
    }
  }
  return out;
}

const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ["payload_too_large", "The request body is too large."],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ["unsupported_media_type", "This content type is not accepted; send JSON."],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["validation_failed", "The JSON body is empty."],
  FST_ERR_CTP_INVALID_JSON_BODY: ["validation_failed", "The body is not valid JSON."],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["validation_failed", "The Content-Length does not match the body."],
};

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, error.code, error.message, {
        ...error.extensions,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (error.validation) {
      const errors = fieldErrors(error);
      const where = error.validationContext ?? "request";
      return sendProblem(reply, "validation_failed", `The ${where} has invalid fields.`, { errors });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendProblem(reply, known[0], known[1]);
    if (error instanceof SyntaxError || (error.statusCode === 400 && !error.code)) {
      return sendProblem(reply, "validation_failed", "The body is not valid JSON.");
    }
    // Two transactions that each waited for the other (PostgreSQL broke the tie and rolled this
    // one back): nothing changed, and trying again will do.
    // Drizzle wraps the driver's error: PostgreSQL's SQLSTATE is on its cause.
    const sqlState = error.code ?? (error.cause as { code?: string } | undefined)?.code;
    if (sqlState === "40P01" || sqlState === "40001") {
      request.log.warn({ err: error }, "transaction rolled back by the database: deadlock or serialization");
      return sendProblem(reply, "conflict", "Another change to the same records was made at the same moment, so nothing was changed. Try again.");
    }
    if (error.statusCode === 429) return sendProblem(reply, "rate_limited", "Too many attempts. Try again later.");
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, "client error");
      const code: ErrorCode = error.statusCode === 404 ? "not_found" : "validation_failed";
      return sendProblem(reply.code(error.statusCode), code, "The request could not be processed.");
    }
    // 5xx: the client learns nothing of the cause; the log keeps all of it.
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, "internal_error", `The server could not complete the request; it has been logged as ${request.id}.`);
  });
}
