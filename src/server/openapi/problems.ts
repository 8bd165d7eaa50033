/**
 * The error half of the OpenAPI document: the problem+json schema, what each `code` means, and
 * the error responses of one operation, grouped by status with the codes each status can carry.
 */
import { ERROR_CODES, type ErrorCode } from "../../shared/errors.js";

export const PROBLEM_TYPE = "application/problem+json";
const PROBLEM_REF = "#/components/schemas/Problem";

/** What each code means to a client; the first sentence also serves as the example's `detail`. */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  validation_failed: "The request has invalid fields; `errors[]` names each one with its `path` and `message`.",
  unauthenticated: "No valid session or API token was sent, or it has ended.",
  invalid_credentials: "The email or password is incorrect.",
  forbidden:
    "The signed-in user may not do this; a cookie session also gets it when an unsafe method comes without its X-CSRF-Token header.",
  sso_required: "The firm requires single sign-on for this person.",
  two_factor_required: "The password is right and this person signs in with a second factor: send `code` too. No session was opened.",
  two_factor_invalid: "The two-factor code is wrong, already used or too old.",
  two_factor_enrollment_required: "The firm requires two-factor sign-in and this person has not enrolled yet: only /me, the two-factor endpoints and signing out answer.",
  firm_closed: "The firm's account is closed: its data is read-only until it is deleted, and only administrators may sign in (to read and export it).",
  not_found: "No such record in the caller's firm (records of other firms are not found either).",
  method_not_allowed: "The method is not allowed on this path.",
  email_in_use: "This email address is already in use.",
  license_purchase_required: "No license is free; `quote` says what the missing ones cost. Repeat with `confirm_purchase: true` to buy them.",
  no_available_license: "Too few licenses are free; `available` says how many are.",
  reassignment_required: "The user still holds work; `counts` says how much.",
  user_not_active: "The user is not active.",
  role_immutable: "A built-in role cannot be changed or deleted.",
  role_in_use: "The role is held by users; `holders` says how many.",
  sso_not_tested: "Single sign-on cannot be enforced before a successful test sign-in with the current identity provider settings.",
  addon_already_allocated: "The user already holds this add-on.",
  addon_trial_unavailable: "The add-on's trial is only for a firm that never had it.",
  addon_trial_not_active: "The add-on is not on trial, or its trial has already ended.",
  conflict: "The request conflicts with the current state: a name already taken, or an Idempotency-Key reused for a different request.",
  invitation_expired: "The invitation has expired.",
  link_expired: "The confirmation link has expired.",
  invitation_invalid: "The invitation link is not valid: used, replaced or revoked.",
  reset_expired: "The password-reset link has expired.",
  reset_invalid: "The password-reset link is not valid: used or replaced.",
  precondition_failed: "The record changed since the ETag sent in If-Match.",
  payload_too_large: "The request body is too large.",
  unsupported_media_type: "This content type is not accepted; send JSON.",
  rate_limited: "Too many requests; Retry-After says how many seconds to wait.",
  internal_error: "The server could not complete the request; the detail names the request id it was logged under.",
  service_unavailable: "The service is not ready.",
};

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const integer = (description: string) => ({ type: "integer", minimum: 0, description });

/** The components every error response refers to. */
export const PROBLEM_SCHEMAS = {
  Problem: {
    type: "object",
    description:
      "An RFC 9457 problem: every error is answered with one, as application/problem+json. `code` is stable; extension members appear with the codes named in their descriptions.",
    required: ["type", "title", "status", "detail", "code"],
    properties: {
      type: { type: "string", format: "uri", description: "A URI naming the kind of problem." },
      title: { type: "string", description: "A short, human-readable summary of the kind of problem." },
      status: { type: "integer", minimum: 400, maximum: 599, description: "The HTTP status, repeated." },
      detail: { type: "string", description: "What went wrong with this request, for a person to read." },
      code: { type: "string", enum: Object.keys(ERROR_CODES), description: "The stable code a client branches on." },
      errors: {
        type: "array",
        description: "With `validation_failed` (and some 409s): every invalid field at once.",
        items: { $ref: "#/components/schemas/FieldError" },
      },
      quote: { $ref: "#/components/schemas/Quote", description: "With `license_purchase_required`: what the missing licenses cost." },
      counts: {
        type: "object",
        description: "With `reassignment_required`: the work the user still holds.",
        required: ["matters", "events", "tasks", "private_matters"],
        properties: {
          matters: integer("Matters the user is responsible for."),
          events: integer("Future calendar events the user owns."),
          tasks: integer("Open tasks assigned to the user."),
          private_matters: integer("Private matters only the user can see."),
        },
        additionalProperties: false,
      },
      available: integer("With `no_available_license`: how many licenses are free."),
      holders: integer("With `role_in_use`: how many users hold the role."),
    },
    additionalProperties: false,
  },
  FieldError: {
    type: "object",
    description: "One invalid field: `path` names it (`email`, `role_ids.0`, a header such as `Idempotency-Key`).",
    required: ["path", "message"],
    properties: { path: { type: "string" }, message: { type: "string" } },
    additionalProperties: false,
  },
  Quote: {
    type: "object",
    description: "The prorated price of licenses bought now.",
    required: ["count", "amount_cents", "currency"],
    properties: {
      count: { type: "integer", minimum: 1 },
      amount_cents: { type: "integer", minimum: 0 },
      currency: { type: "string", examples: ["USD"] },
    },
    additionalProperties: false,
  },
} as const;

/** An example problem for a code, valid against the Problem schema. */
function exampleFor(code: ErrorCode) {
  const status = ERROR_CODES[code];
  const example: Record<string, unknown> = {
    type: `https://chambers.dev/problems/${code.replace(/_/g, "-")}`,
    title: REASONS[status] ?? code,
    status,
    detail: ERROR_MEANINGS[code].split("; ")[0]!.replace(/`/g, ""),
    code,
  };
  if (code === "validation_failed") example.errors = [{ path: "email", message: "Enter a valid email address." }];
  if (code === "license_purchase_required") example.quote = { count: 1, amount_cents: 4500, currency: "USD" };
  return example;
}

/** The responses for a set of codes: one per status, with the `code` values it can carry. */
export function errorResponses(codes: Iterable<ErrorCode>): Map<number, { codes: ErrorCode[]; response: Record<string, unknown> }> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out = new Map<number, { codes: ErrorCode[]; response: Record<string, unknown> }>();
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    list.sort();
    const description = [
      `${REASONS[status] ?? "Error"}.`,
      ...list.map((code) => `- \`${code}\`: ${ERROR_MEANINGS[code]}`),
    ].join("\n");
    const schema = {
      allOf: [
        { $ref: PROBLEM_REF },
        { type: "object", properties: { status: { const: status }, code: { enum: list } } },
      ],
    };
    out.set(status, {
      codes: list,
      response: { description, content: { [PROBLEM_TYPE]: { schema, example: exampleFor(list[0]!) } } },
    });
  }
  return out;
}
