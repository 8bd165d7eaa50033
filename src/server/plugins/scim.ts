/**
 * The /scim/v2 context (SCIM-1, SCIM-3): its own authentication by SCIM bearer token (a revoked,
 * unknown or malformed token is a SCIM 401; a token reaches its own firm only), bodies in
 * `application/scim+json` or `application/json`, and every error in SCIM's own format
 * (RFC 7644 section 3.12) rather than problem+json.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ActorContext, ReadContext } from "../../domain/context.js";
import { AppError } from "../../domain/errors.js";
import { resolveScimToken } from "../../domain/scim/resolve-scim-token.js";
import { SCIMMY } from "../../domain/scim/scim-protocol.js";
import { tellNoLicense } from "../../domain/scim/tell-no-license.js";
import type { Actor } from "../../domain/context.js";
import type { Deps } from "../deps.js";

export const SCIM_MEDIA = "application/scim+json; charset=utf-8";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

declare module "fastify" {
  interface FastifyRequest {
    scimActor?: Actor;
  }
}

function sendScimError(reply: FastifyReply, status: number, scimType: string | null, detail: string) {
  return reply
    .code(status)
    .type(SCIM_MEDIA)
    .send({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

/** Our error codes in SCIM's terms: the status stays, scimType says what kind of 400 or 409 it is. */
const SCIM_TYPES: Partial<Record<string, string>> = {
  validation_failed: "invalidValue",
  email_in_use: "uniqueness",
  conflict: "uniqueness",
};

function detailOf(error: AppError): string {
  const fields = error.errors?.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)) ?? [];
  return [error.message, ...fields].join(" ");
}

/** Registers the SCIM context's parser, authentication and error format on `scim` (an encapsulated child). */
export function registerScim(scim: FastifyInstance, deps: Deps) {
  // JSON only: text/plain and the rest are a 415.
  scim.removeContentTypeParser("text/plain");
  scim.addContentTypeParser(["application/scim+json"], { parseAs: "string" }, scim.getDefaultJsonParser("error", "error"));

  scim.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    const m = typeof header === "string" ? /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header) : null;
    if (!m) throw new SCIMMY.Types.Error(401, null as unknown as string, "Send a SCIM token as `Authorization: Bearer <token>`.");
    const auth = await resolveScimToken(deps.database.db, deps.clock, m[1]!);
    if (!auth) throw new SCIMMY.Types.Error(401, null as unknown as string, "The SCIM token is not valid or has been revoked.");
    if ("firmClosed" in auth) {
      throw new SCIMMY.Types.Error(409, null as unknown as string, "The firm's account is closed: its users and groups can no longer be read or changed through SCIM, and its tokens were revoked.");
    }
    request.scimActor = auth.actor;
  });

  scim.setNotFoundHandler((request, reply) => sendScimError(reply, 404, null, `No SCIM endpoint ${request.method} ${request.url.split("?")[0]}.`));

  scim.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof SCIMMY.Types.Error) {
      const e = error as unknown as { status: number; scimType?: string; message: string };
      return sendScimError(reply, e.status, e.scimType ?? null, e.message);
    }
    if (error instanceof AppError) {
      if (error.code === "license_purchase_required" || error.code === "no_available_license") {
        return sendScimError(reply, 409, null, "No license is free, and provisioning never buys one: the firm's administrators have been told. Free or buy a license in Chambers, then retry.");
      }
      return sendScimError(reply, error.status, SCIM_TYPES[error.code] ?? null, detailOf(error));
    }
    if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      return sendScimError(reply, 400, "invalidSyntax", "The body is not valid JSON.");
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return sendScimError(reply, 415, null, "Send application/scim+json or application/json.");
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return sendScimError(reply, 413, null, "The request body is too large.");
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendScimError(reply, error.statusCode, null, "The request could not be processed.");
    request.log.error({ err: error }, "SCIM request failed");
    return sendScimError(reply, 500, null, `The error was logged (request ${request.id}).`);
  });
}

const actorOf = (request: FastifyRequest): Actor => {
  if (!request.scimActor) throw new SCIMMY.Types.Error(401, null as unknown as string, "Send a SCIM token.");
  return request.scimActor;
};

/**
 * Runs a SCIM change in one transaction as the token's actor. When it found no free license
 * (LIC-7; provisioning never buys), the administrators are told in a transaction of its own,
 * since the change's rolled back.
 */
export async function scimChange<T>(deps: Deps, request: FastifyRequest, what: string, useCase: (ctx: ActorContext) => Promise<T>): Promise<T> {
  const actor = actorOf(request);
  try {
    return await deps.database.db.transaction((tx) => useCase({ tx, clock: deps.clock, actor }));
  } catch (err) {
    if (err instanceof AppError && (err.code === "license_purchase_required" || err.code === "no_available_license")) {
      await deps.database.db.transaction((tx) => tellNoLicense({ tx, clock: deps.clock, actor }, what));
    }
    throw err;
  }
}

/** Runs a SCIM read as the token's actor. */
export function scimRead<T>(deps: Deps, request: FastifyRequest, useCase: (ctx: ReadContext) => Promise<T>): Promise<T> {
  return useCase({ db: deps.database.db, clock: deps.clock, actor: actorOf(request) });
}
