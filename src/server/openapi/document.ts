/**
 * What the OpenAPI document says of every operation without the route writing it (issue 15):
 * its operationId, who may call it, its rate limits, every error status with the codes it can
 * carry, and the headers it reads and writes. `transformRoute` reads each route's declaration
 * (`config.auth`, `config.limits`, `config.errors`, `config.sends`) and leaves it on the
 * operation as `x-chambers`; `transformDocument` turns that into responses, headers and
 * parameters once the document is whole.
 */
import type { RouteOptions } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import type { ErrorCode } from "../../shared/errors.js";
import type { RouteAuth } from "../plugins/auth.js";
import type { RateLimit } from "../plugins/rate-limits.js";
import { deriveOperationId } from "./operation-id.js";
import { errorResponses, PROBLEM_SCHEMAS } from "./problems.js";
import { headerRef, KNOWN_REQUEST_HEADERS, parameterRef, REQUEST_HEADERS, RESPONSE_HEADERS, type ResponseHeader } from "./headers.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The codes this route answers besides those its shape implies (see `impliedCodes`). */
    errors?: readonly ErrorCode[];
    /** Response headers this route sends on success besides the common ones. */
    sends?: readonly Extract<ResponseHeader, "ETag" | "Set-Cookie">[];
    /**
     * A request body that is no JSON (a file upload): its media types, each with a JSON Schema
     * and an example, for the document only. The route reads and checks such a body itself.
     */
    requestBody?: { description?: string; content: Record<string, { schema: Record<string, unknown> & { examples: unknown[] } }> };
  }
}

type Json = Record<string, unknown>;
const META = "x-chambers";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What `transformDocument` needs of a route, carried on its operation. */
interface OperationMeta {
  method: string;
  auth: RouteAuth;
  limits: { max: number; windowSeconds: number; per: string }[];
  errors: ErrorCode[];
  sends: ResponseHeader[];
  input: boolean;
  body: boolean;
  pathParams: boolean;
  beforeTwoFactor: boolean;
  whileClosed: boolean;
}

/** Who may call, in words. */
function whoMayCall(auth: RouteAuth): string {
  if (auth === "public") return "No sign-in needed.";
  if (auth === "user") return "Any signed-in, active user of the firm.";
  const list = typeof auth === "string" ? [auth] : [...auth];
  return list.length === 1 ? `Needs the \`${list[0]}\` permission.` : `Needs any of the permissions ${list.map((p) => `\`${p}\``).join(", ")}.`;
}

/** `minute`, `15 minutes`, `hour`: the window of a budget, as in "10 per minute". */
function window(seconds: number): string {
  const [n, unit] = seconds % 3600 === 0 ? [seconds / 3600, "hour"] : seconds % 60 === 0 ? [seconds / 60, "minute"] : [seconds, "second"];
  return n === 1 ? String(unit) : `${n} ${unit}s`;
}

function limitsInWords(limits: OperationMeta["limits"]): string {
  const each = limits.map((l) => `${l.max} per ${window(l.windowSeconds)} per ${l.per}`);
  return `Rate limited (SEC-8): ${each.join("; ")}. Answers carry RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; a 429 adds Retry-After.`;
}

const answersPage = (response: unknown): boolean => {
  const props = (response as { properties?: Json } | undefined)?.properties;
  return !!props && "data" in props && "next_cursor" in props;
};

/** @fastify/swagger's per-route transform: the zod schemas become JSON Schema, and the route's declaration rides along. */
export function transformRoute(input: { schema: unknown; url: string; route: RouteOptions }) {
  const result = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]) as { schema: Json; url: string };
  const schema = result.schema;
  if (!schema || schema.hide) return result;
  const { route } = input;
  const method = [route.method].flat()[0]!.toUpperCase();
  const config = route.config ?? {};
  const auth = config.auth ?? "public";
  const limits = (config.limits ?? []).map((l: RateLimit) => ({ max: l.max, windowSeconds: l.windowSeconds, per: l.per }));
  const raw = (route.schema ?? {}) as Json;
  const meta: OperationMeta = {
    method,
    auth,
    limits,
    errors: [...(config.errors ?? [])],
    sends: [...(config.sends ?? [])],
    input: ["body", "querystring", "params", "headers"].some((k) => raw[k] !== undefined),
    body: raw.body !== undefined || config.requestBody !== undefined,
    pathParams: /[:{]/.test(input.url),
    beforeTwoFactor: config.beforeTwoFactor === true,
    whileClosed: config.whileClosed === true,
  };
  const response = (schema.response as Json | undefined)?.["200"];
  const description = [
    typeof schema.description === "string" ? schema.description : (schema.summary as string | undefined) ?? "",
    whoMayCall(auth),
    ...(limits.length ? [limitsInWords(limits)] : []),
  ].filter(Boolean);
  return {
    url: result.url,
    schema: {
      ...schema,
      operationId: (schema.operationId as string | undefined) ?? deriveOperationId(method, input.url, answersPage(response)),
      description: description.join("\n\n"),
      ...(auth === "public" ? { security: [] } : {}),
      ...(config.requestBody ? { body: structuredClone(config.requestBody) } : {}),
      [META]: meta,
    },
  };
}

/** The codes an operation can answer, from its shape and its declaration. */
export function impliedCodes(meta: OperationMeta, reads: Set<string>): ErrorCode[] {
  const codes: ErrorCode[] = ["internal_error", ...meta.errors];
  const unsafe = UNSAFE.has(meta.method);
  if (meta.input || (unsafe && meta.method !== "DELETE")) codes.push("validation_failed");
  if (meta.body) codes.push("payload_too_large", "unsupported_media_type");
  if (meta.auth !== "public") codes.push("unauthenticated");
  // SES-3: a user who must enrol a second factor first is turned away everywhere else.
  if (meta.auth !== "public" && !meta.beforeTwoFactor) codes.push("two_factor_enrollment_required");
  // CLS-2: a closed firm is read-only; only signing out still changes anything.
  if (meta.auth !== "public" && unsafe && !meta.whileClosed) codes.push("firm_closed");
  // A permission refused, or a cookie session's unsafe request without its CSRF token.
  if ((meta.auth !== "public" && meta.auth !== "user") || unsafe) codes.push("forbidden");
  if (meta.pathParams) codes.push("not_found");
  if (meta.limits.length) codes.push("rate_limited");
  if (reads.has("IfMatch")) codes.push("precondition_failed");
  if (reads.has("IdempotencyKey")) codes.push("conflict");
  return codes;
}

const RATE_LIMIT_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"] as const;

const REASON: Record<string, string> = { "200": "OK", "201": "Created", "202": "Accepted", "204": "No Content" };

/** Header parameters become references to the shared ones; every operation reads X-Request-Id, unsafe ones X-CSRF-Token. */
function parametersOf(op: Json, meta: OperationMeta): { parameters: unknown[]; reads: Set<string> } {
  const reads = new Set<string>();
  const parameters: unknown[] = [];
  for (const p of (op.parameters as Json[] | undefined) ?? []) {
    const known = p.in === "header" ? KNOWN_REQUEST_HEADERS[String(p.name).toLowerCase()] : undefined;
    if (known) reads.add(known);
    else parameters.push(p);
  }
  if (UNSAFE.has(meta.method)) reads.add("CsrfToken");
  reads.add("RequestId");
  const order = Object.keys(REQUEST_HEADERS);
  for (const name of [...reads].sort((a, b) => order.indexOf(a) - order.indexOf(b))) parameters.push(parameterRef(name));
  return { parameters, reads };
}

/** Success headers: the request id always, then what the route's declaration and shape imply. */
function successHeaders(meta: OperationMeta, reads: Set<string>, response: Json): Json {
  const names: ResponseHeader[] = ["X-Request-Id"];
  if (meta.limits.length) names.push(...RATE_LIMIT_HEADERS);
  names.push(...meta.sends);
  if (reads.has("IdempotencyKey")) names.push("Idempotent-Replayed");
  const content = response.content as Json | undefined;
  // Files to download: a CSV, or a zip of them (the export).
  if (content && Object.keys(content).some((t) => t.startsWith("text/csv") || t === "application/zip")) names.push("Content-Disposition");
  return Object.fromEntries(names.map((n) => [n, headerRef(n)]));
}

function describeOperation(op: Json) {
  const meta = op[META] as OperationMeta | undefined;
  if (!meta) return;
  delete op[META];
  const { parameters, reads } = parametersOf(op, meta);
  op.parameters = parameters;
  const responses: Json = {};
  for (const [status, r] of Object.entries((op.responses as Json | undefined) ?? {})) {
    const response = r as Json;
    if (response.description === "Default Response") response.description = REASON[status] ?? "Success";
    if (Number(status) < 400) response.headers = { ...successHeaders(meta, reads, response), ...(response.headers as Json | undefined) };
    responses[status] = response;
  }
  for (const [status, { response }] of errorResponses(impliedCodes(meta, reads))) {
    if (responses[status]) continue;
    const headers: Json = { "X-Request-Id": headerRef("X-Request-Id") };
    if (status === 429) headers["Retry-After"] = headerRef("Retry-After");
    // A refusal by a budget always names it; another error only when the request got that far.
    for (const name of meta.limits.length ? RATE_LIMIT_HEADERS : []) headers[name] = headerRef(status === 429 ? name : `${name}-IfCounted`);
    responses[status] = { ...response, headers };
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

/** @fastify/swagger's whole-document transform: components, then every operation described. */
export function transformDocument(input: { openapiObject: Json }) {
  const document = jsonSchemaTransformObject(input as Parameters<typeof jsonSchemaTransformObject>[0]) as Json;
  const components = (document.components ?? {}) as Json;
  document.components = {
    ...components,
    schemas: { ...(components.schemas as Json | undefined), ...PROBLEM_SCHEMAS },
    headers: RESPONSE_HEADERS,
    parameters: REQUEST_HEADERS,
  };
  for (const item of Object.values((document.paths ?? {}) as Record<string, Json>)) {
    for (const op of Object.values(item)) describeOperation(op as Json);
  }
  return document;
}
