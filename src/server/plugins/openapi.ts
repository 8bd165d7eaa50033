/** The OpenAPI document at /api/openapi.json and its browser at /api/docs, from the zod schemas. */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Chambers API",
        version: "1",
        description: "Firm administration: accounts, users, licenses, roles, groups and the feed. Errors are application/problem+json.",
      },
      servers: [{ url: "/" }],
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "A session token from POST /sessions or an API token" },
          cookie: { type: "apiKey", in: "cookie", name: "chambers_session", description: "Send X-CSRF-Token on unsafe methods" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
