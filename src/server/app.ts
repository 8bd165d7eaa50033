/** Builds the Fastify application: plugins, the auth layer, every route, the console. */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import cookie from "@fastify/cookie";
import helmet from "helmet";
import fastifyStatic from "@fastify/static";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { LIMITS } from "../shared/limits.js";
import { registerAuth } from "./plugins/auth.js";
import { registerNoNul } from "./plugins/no-nul.js";
import { registerRateLimits } from "./plugins/rate-limits.js";
import { registerErrorHandler, sendProblem } from "./plugins/errors.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { accountRoutes } from "./routes/accounts.js";
import { activityRoutes } from "./routes/activities.js";
import { meRoutes } from "./routes/me.js";
import { notificationRoutes } from "./routes/notifications.js";
import { opsRoutes } from "./routes/ops.js";
import { userEditRoutes, userRoutes, userStatusRoutes } from "./routes/users.js";
import { invitationRoutes } from "./routes/invitations.js";
import { licenseRoutes } from "./routes/licenses.js";
import { addonRoutes } from "./routes/addons.js";
import { roleRoutes } from "./routes/roles.js";
import { groupRoutes } from "./routes/groups.js";
import { ownershipRoutes } from "./routes/ownership.js";
import { closingRoutes } from "./routes/closing.js";
import { emailChangeRoutes } from "./routes/email-changes.js";
import { passwordRoutes } from "./routes/passwords.js";
import { twoFactorRoutes } from "./routes/two-factor.js";
import { contactRoutes } from "./routes/contacts.js";
import { matterRoutes } from "./routes/matters.js";
import { taskRoutes } from "./routes/tasks.js";
import { calendarRoutes } from "./routes/calendar.js";
import { messageRoutes } from "./routes/messages.js";
import { reassignmentRoutes } from "./routes/reassignments.js";
import { importRoutes } from "./routes/imports.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { scimTokenRoutes } from "./routes/scim-tokens.js";
import { scimRoutes } from "./routes/scim.js";
import { samlRoutes, ssoSettingsRoutes } from "./routes/sso.js";
import type { App, Deps } from "./deps.js";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Where the built console lives, from source and from dist/. */
function webRoot(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "../../web"), join(here, "../../dist/web")];
  return candidates.find((p) => existsSync(join(p, "index.html"))) ?? null;
}

/** TRUST_PROXY as Fastify takes it: a hop count becomes "trust the nearest n hops". */
function trustProxy(setting: false | number | string[]) {
  if (typeof setting !== "number") return setting;
  return (_address: string, hop: number) => hop < setting;
}

export async function buildApp(deps: Deps, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<App> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: deps.config.LOG_LEVEL,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            redact: ["req.headers.authorization", "req.headers.cookie", "req.headers[\"x-csrf-token\"]"],
            serializers: {
              // Invitation and confirmation links carry their secret in the query: never log it.
              req: (req: { method: string; url: string; ip?: string }) => ({
                method: req.method,
                url: req.url.replace(/([?&]token=)[^&]*/gi, "$1[redacted]"),
                remoteAddress: req.ip,
              }),
            },
          },
    bodyLimit: LIMITS.bodyBytes,
    // SEC-8: X-Forwarded-For is believed only through the proxies the operator names.
    trustProxy: trustProxy(deps.config.TRUST_PROXY),
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  registerErrorHandler(app);

  // SEC-7: CSP, no-sniff, frame denial, referrer policy.
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Only behind HTTPS: on plain http://localhost it would break every asset.
        upgradeInsecureRequests: deps.config.PUBLIC_URL?.startsWith("https://") ? [] : null,
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    hsts: deps.config.PUBLIC_URL?.startsWith("https://") ? undefined : false,
  });
  // Built once: @fastify/helmet rebuilt the middleware, directives and all, on every request.
  app.addHook("onRequest", (request, reply, done) => secureHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
  await app.register(cookie);
  await registerOpenApi(app);
  registerAuth(app, { db: deps.database.db, clock: deps.clock });
  registerRateLimits(app, { db: deps.database.db, clock: deps.clock });
  registerNoNul(app);

  await app.register(async (api) => {
    const zapi = api.withTypeProvider<ZodTypeProvider>() as App;
    await accountRoutes(zapi, deps);
    await meRoutes(zapi, deps);
    await userRoutes(zapi, deps);
    await userStatusRoutes(zapi, deps);
    await userEditRoutes(zapi, deps);
    await activityRoutes(zapi, deps);
    await notificationRoutes(zapi, deps);
    await invitationRoutes(zapi, deps);
    await licenseRoutes(zapi, deps);
    await addonRoutes(zapi, deps);
    await roleRoutes(zapi, deps);
    await groupRoutes(zapi, deps);
    await ownershipRoutes(zapi, deps);
    await closingRoutes(zapi, deps);
    await emailChangeRoutes(zapi, deps);
    await passwordRoutes(zapi, deps);
    await twoFactorRoutes(zapi, deps);
    await contactRoutes(zapi, deps);
    await matterRoutes(zapi, deps);
    await taskRoutes(zapi, deps);
    await calendarRoutes(zapi, deps);
    await messageRoutes(zapi, deps);
    await reassignmentRoutes(zapi, deps);
    await importRoutes(zapi, deps);
    await webhookRoutes(zapi, deps);
    await scimTokenRoutes(zapi, deps);
    await ssoSettingsRoutes(zapi, deps);
  }, { prefix: "/api/v1" });
  // SCIM 2.0 for identity providers: its own authentication and error format (plugins/scim.ts).
  await app.register(async (scim) => scimRoutes(scim.withTypeProvider<ZodTypeProvider>() as App, deps), { prefix: "/scim/v2" });
  await opsRoutes(app as App, deps);
  await samlRoutes(app as App, deps);

  const root = webRoot();
  if (root) await app.register(fastifyStatic, { root, wildcard: false, index: ["index.html"] });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const isPage = request.method === "GET" && !path.startsWith("/api/") && !path.startsWith("/dev/") && !/\.[a-z0-9]+$/i.test(path);
    if (isPage && root) return reply.type("text/html; charset=utf-8").sendFile("index.html");
    return sendProblem(reply, "not_found", `No route ${request.method} ${path}.`);
  });
  return app as App;
}
