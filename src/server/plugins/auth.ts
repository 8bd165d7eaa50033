/**
 * The auth layer: every /api/v1 route declares who may call it, and the session, the user's
 * status and roles are read here, once per request (SEC-3, ROL-5). Cookie sessions must send
 * the CSRF token on unsafe methods; bearer tokens need not.
 */
import { timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.js";
import { sessions } from "../../db/schema.js";
import type { Actor } from "../../domain/context.js";
import { AppError, forbidden, unauthenticated } from "../../domain/errors.js";
import { resolveSession } from "../../domain/sessions/resolve-session.js";
import type { Clock } from "../../domain/clock.js";
import type { Permission } from "../../shared/permissions.js";

export const SESSION_COOKIE = "chambers_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const TOUCH_EVERY_MS = 60_000;

/**
 * `public`: anyone; `user`: any active user of the firm; a permission: users whose roles grant
 * it; a list of permissions: users whose roles grant any of them.
 */
export type RouteAuth = "public" | "user" | Permission | readonly Permission[];

/** Every route the server registers, with its declared policy: what the authorization matrix walks. */
export interface RouteEntry {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
}

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    actorOrNull: Actor | null;
    csrfToken: string | null;
  }
}

/** The signed-in actor; routes declared `user` or a permission always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actorOrNull) throw unauthenticated();
  return request.actorOrNull;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthenticated("The Authorization header must be `Bearer <token>`.");
  return m[1];
}

function sameToken(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export function registerAuth(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  app.decorateRequest("actorOrNull", null);
  app.decorateRequest("csrfToken", null);

  app.decorate("routeTable", [] as RouteEntry[]);
  // A route under /api/v1 without a declared policy must not exist: fail at start-up.
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") app.routeTable.push({ method, url: route.url, auth: route.config?.auth });
    }
    if (route.url.startsWith("/api/v1") && !route.config?.auth) {
      throw new Error(`route ${route.method} ${route.url} declares no auth policy`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const policy = request.routeOptions.config.auth;
    if (!policy) return;
    const fromHeader = bearer(request);
    const fromCookie = fromHeader ? undefined : request.cookies[SESSION_COOKIE];
    const token = fromHeader ?? fromCookie;
    if (token && token.length <= 200) {
      const resolved = await resolveSession(deps.db, deps.clock, token);
      if (resolved) {
        if (fromCookie && !SAFE_METHODS.has(request.method)) {
          const sent = request.headers["x-csrf-token"];
          if (typeof sent !== "string" || !sameToken(sent, resolved.csrfToken)) {
            throw new AppError("forbidden", "The X-CSRF-Token header is missing or wrong.");
          }
        }
        request.actorOrNull = resolved.actor;
        request.csrfToken = resolved.csrfToken;
        const now = deps.clock.now();
        if (now.getTime() - resolved.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
          await deps.db
            .update(sessions)
            .set({ lastSeenAt: now })
            .where(and(eq(sessions.firmId, resolved.actor.firmId), eq(sessions.id, resolved.actor.sessionId)));
        }
      } else if (fromHeader && policy !== "public") {
        throw unauthenticated("The token is not valid or has been revoked.");
      }
    }
    if (policy === "public") return;
    const actor = request.actorOrNull;
    if (!actor) throw unauthenticated();
    if (policy === "user") return;
    const needed: readonly Permission[] = typeof policy === "string" ? [policy] : policy;
    if (!needed.some((p) => actor.permissions.has(p))) throw forbidden();
  });
}
