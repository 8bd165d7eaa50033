/**
 * The OpenAPI document at /api/openapi.json and its browser at /api/docs, from the zod schemas
 * and each route's declaration (src/server/openapi/document.ts fills in what routes need not
 * write: operationIds, security, errors, headers).
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { transformDocument, transformRoute } from "../openapi/document.js";

/** Every tag an operation may carry; a route with another fails the API lint (and the document test). */
export const TAGS = [
  { name: "accounts", description: "Signing up, signing in and out, the firm, and password resets." },
  { name: "me", description: "The signed-in user's own sessions, API tokens, password and login email." },
  { name: "users", description: "The firm's users: reading, editing, roles, deactivation and reactivation." },
  { name: "invitations", description: "Inviting users, and accepting an invitation through its link." },
  { name: "licenses", description: "Licenses, the subscription and the charges ledger." },
  { name: "addons", description: "Add-on licenses: buying, trials, and who holds them." },
  { name: "roles", description: "Built-in and custom roles, and the permission keys they grant." },
  { name: "groups", description: "Groups of users, for matter access and custom rates." },
  { name: "feed", description: "The firm feed: who changed what, and when." },
  { name: "notifications", description: "In-app notifications, and their live stream." },
  { name: "practice", description: "Practice data: contacts, matters, tasks, calendar events and message threads, and who may see them." },
  { name: "reassignments", description: "Moving a user's work (matters, tasks, events) to active colleagues, its preview and its report." },
  { name: "webhooks", description: "Signed HTTPS notifications of the firm's changes to other systems: endpoints, their deliveries and every attempt." },
  { name: "sso", description: "SAML single sign-on: the firm's identity provider settings, enforcement and its exceptions. The SAML endpoints themselves (`/sso/saml/{firm_id}/metadata`, `/login`, `/acs`) are outside the JSON API." },
  { name: "imports", description: "Bulk import of users from a CSV file: the template, the upload, its progress and its error report." },
  { name: "provisioning", description: "SCIM tokens and settings for identity providers (Okta, Entra ID), which then manage users and groups at `/scim/v2` (RFC 7644)." },
];

const DESCRIPTION = `Firm administration: accounts, users, licenses, roles, groups and the feed.

**Authentication.** Send \`Authorization: Bearer <token>\` with a session token from \`POST /api/v1/sessions\` or an API token from \`POST /api/v1/me/tokens\`; or use the session cookie that \`POST /api/v1/sessions\` sets, with the \`X-CSRF-Token\` header (the \`csrf_token\` of \`GET /api/v1/me\`) on every unsafe method. Operations with an empty \`security\` need neither.

**Errors** are \`application/problem+json\`: \`{ type, title, status, detail, code, errors? }\`, plus extension members such as \`quote\` (\`license_purchase_required\`) or \`holders\` (\`role_in_use\`). Branch on \`code\`; each operation lists the codes each of its statuses can carry.

**Lists** are \`{ data, next_cursor }\`: pass \`next_cursor\` back as \`cursor\` until it is null.

**Idempotency.** Operations that charge money or create users read \`Idempotency-Key\`: a repeat returns the first answer, marked \`Idempotent-Replayed: true\`, and does nothing else.

**Concurrency.** \`GET /api/v1/users/{id}\` returns an \`ETag\`; \`PATCH\` honours \`If-Match\` and answers 412 \`precondition_failed\` when the user changed since.

**Rate limits.** Limited operations announce their budget in \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds); a refusal is 429 \`rate_limited\` with \`Retry-After\`.

**Request ids.** Every answer carries \`X-Request-Id\` (yours, if you sent a valid one); a 5xx names it.`;

export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Chambers API",
        version: "1",
        description: DESCRIPTION,
        contact: { name: "Chambers", url: "https://chambers.dev" },
        license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      },
      servers: [{ url: "/", description: "This server" }],
      tags: TAGS,
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "A session token from POST /api/v1/sessions or an API token" },
          cookie: { type: "apiKey", in: "cookie", name: "chambers_session", description: "The session cookie; send X-CSRF-Token on unsafe methods" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: transformRoute as never,
    transformObject: transformDocument as never,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
