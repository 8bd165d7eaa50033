/** The headers of the OpenAPI document: those the server reads and those it writes, as components. */

const headerRef = (component: string) => ({ $ref: `#/components/headers/${component}` });
const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** Response headers, by the name they are sent with. */
export const RESPONSE_HEADERS = {
  "X-Request-Id": {
    description: "The request's id, as sent in X-Request-Id or made by the server; logs and 5xx details name it.",
    required: true,
    schema: { type: "string" },
  },
  "RateLimit-Limit": {
    description: "The request quota of the tightest budget this request spent (IETF RateLimit header fields).",
    required: true,
    schema: { type: "integer", minimum: 1 },
  },
  "RateLimit-Remaining": {
    description: "How many requests that budget still allows in its window.",
    required: true,
    schema: { type: "integer", minimum: 0 },
  },
  "RateLimit-Reset": {
    description: "Seconds until that budget's window ends (on a 429: until a request is accepted again).",
    required: true,
    schema: { type: "integer", minimum: 1 },
  },
  "RateLimit-Limit-IfCounted": {
    description: "RateLimit-Limit, when the request was counted against a budget: not when it failed authentication or validation first.",
    schema: { type: "integer", minimum: 1 },
  },
  "RateLimit-Remaining-IfCounted": {
    description: "RateLimit-Remaining, when the request was counted against a budget.",
    schema: { type: "integer", minimum: 0 },
  },
  "RateLimit-Reset-IfCounted": {
    description: "RateLimit-Reset, when the request was counted against a budget.",
    schema: { type: "integer", minimum: 1 },
  },
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    required: true,
    schema: { type: "integer", minimum: 1 },
  },
  ETag: {
    description: "The record's version, e.g. `\"7\"`: send it back in If-Match to change the record only if no one else has.",
    required: true,
    schema: { type: "string", pattern: '^"\\d+"$' },
  },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key: nothing was done again.",
    schema: { type: "string", enum: ["true"] },
  },
  "Set-Cookie": {
    description: "The session cookie `chambers_session` (HttpOnly, SameSite=Lax; Secure behind HTTPS); cleared on sign-out.",
    required: true,
    schema: { type: "string" },
  },
  "Content-Disposition": {
    description: "`attachment` with a file name.",
    required: true,
    schema: { type: "string" },
  },
} as const;

export type ResponseHeader = keyof typeof RESPONSE_HEADERS;

/** Request headers, by component name; the server reads them where an operation lists them. */
export const REQUEST_HEADERS = {
  IdempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "Any string of 1 to 200 characters, unique to this intended action. A repeat with the same key returns the first answer (with `Idempotent-Replayed: true`) and does nothing else; the same key with a different request is 409 `conflict`.",
    schema: { type: "string", minLength: 1, maxLength: 200 },
    example: "invite-2026-11-23-jane",
  },
  IfMatch: {
    name: "If-Match",
    in: "header",
    required: false,
    description: "The ETag of the version the change is based on; 412 `precondition_failed` when the record has changed since.",
    schema: { type: "string", maxLength: 100 },
    example: '"7"',
  },
  CsrfToken: {
    name: "X-CSRF-Token",
    in: "header",
    required: false,
    description: "With the session cookie only: the `csrf_token` of GET /me. Without it, an unsafe method answers 403 `forbidden`. Bearer tokens need none.",
    schema: { type: "string" },
  },
  RequestId: {
    name: "X-Request-Id",
    in: "header",
    required: false,
    description: "An id for this request (letters, digits, `.`, `_`, `-`; up to 64), echoed in the answer and the logs; the server makes one when absent.",
    schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,64}$" },
  },
} as const;

/** Header parameters the routes' zod schemas name, in lower case, and their component. */
export const KNOWN_REQUEST_HEADERS: Record<string, keyof typeof REQUEST_HEADERS> = {
  "idempotency-key": "IdempotencyKey",
  "if-match": "IfMatch",
  "x-csrf-token": "CsrfToken",
  "x-request-id": "RequestId",
};

export { headerRef, parameterRef };
