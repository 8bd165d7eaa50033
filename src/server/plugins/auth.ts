/**
 * The auth layer: every /api/v1 route declares who may call it, and the session, the user's
 * status and roles are read here, in one statement per request and never from a cache
 * (SEC-3, ROL-5). Cookie sessions must send the CSRF token on unsafe methods; bearer tokens
 * need not. The session's `last_seen_at` is written after the answer, never on its path.
 */
import { timingSafeEqual } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.js";
import { sessions } from "../../db/schema.js";
import type { Actor } from "../../domain/context.js";
import { AppError, firmClosed, forbidden, unauthenticated } from "../../domain/errors.js";
import { resolveSession, type ResolvedSession, type SessionResolver } from "../../domain/sessions/resolve-session.js";
import type { Clock } from "../../domain/clock.js";
import { BackgroundTasks } from "../../jobs/background.js";
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
    /**
     * Reads the session and, in the same statement, what the route needs of its user
     * (`request.sessionLoaded`): one round trip for the whole request. The session is still
     * judged by the auth layer's rules, and read afresh (ROL-5).
     */
    resolve?: SessionResolver;
    /**
     * SES-3: the route answers a user whose firm requires a second factor before they have
     * enrolled one (their own record, two-factor enrolment, signing out). Others answer 403
     * `two_factor_enrollment_required` to them.
     */
    beforeTwoFactor?: boolean;
    /**
     * CLS-2: the route is an unsafe one that still answers the administrators of a closed firm
     * (signing out). Every other POST, PUT, PATCH and DELETE answers 409 `firm_closed` to them.
     */
    whileClosed?: boolean;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
    /** The `last_seen_at` writes still under way: `idle()` waits for them (shutdown, tests). */
    sessionTouches: Pick<BackgroundTasks, "idle">;
  }
  interface FastifyRequest {
    actorOrNull: Actor | null;
    csrfToken: string | null;
    /** What the route's `config.resolve` read with the session, if anything. */
    sessionLoaded: unknown;
    /** SES-3: the signed-in user must enrol a second factor before anything else. */
    twoFactorEnrollmentRequired: boolean;
    /** CLS-2: the signed-in user's firm is closed, and read-only. */
    firmClosed: boolean;
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

/**
 * Writes `last_seen_at` in the background, at most once a minute per session: never on a
 * request's path, never failing it (a failure is logged). The time is the clock's when the
 * request came, so the test clock moves it too.
 */
class SessionTouches {
  /** When this instance last asked to touch each session: many concurrent requests, one write. */
  readonly #asked = new Map<string, number>();

  constructor(
    private readonly db: Db,
    readonly tasks: BackgroundTasks,
  ) {}

  touch(resolved: ResolvedSession, now: Date) {
    const { firmId, sessionId } = resolved.actor;
    const at = now.getTime();
    if (at - resolved.lastSeenAt.getTime() <= TOUCH_EVERY_MS) return;
    const asked = this.#asked.get(sessionId);
    if (asked !== undefined && at >= asked && at - asked <= TOUCH_EVERY_MS) return;
    if (this.#asked.size >= 10_000) this.#forgetOlderThan(at - TOUCH_EVERY_MS);
    this.#asked.set(sessionId, at);
    this.tasks.run("session last seen", () =>
      this.db
        .update(sessions)
        .set({ lastSeenAt: now })
        // Never backwards, whichever instance or request writes last.
        .where(and(eq(sessions.firmId, firmId), eq(sessions.id, sessionId), lt(sessions.lastSeenAt, now))),
    );
  }

  #forgetOlderThan(at: number) {
    for (const [id, asked] of this.#asked) if (asked < at) this.#asked.delete(id);
    if (this.#asked.size >= 10_000) this.#asked.clear();
  }
}

export function registerAuth(app: FastifyInstance, deps: { db: Db; clock: Clock; background?: BackgroundTasks }) {
  app.decorateRequest("actorOrNull", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("sessionLoaded", undefined);
  app.decorateRequest("twoFactorEnrollmentRequired", false);
  app.decorateRequest("firmClosed", false);
  const touches = new SessionTouches(deps.db, deps.background ?? new BackgroundTasks(app.log));
  app.decorate("sessionTouches", touches.tasks);
  // Closing waits for the writes under way, before the database itself is closed.
  app.addHook("onClose", () => touches.tasks.idle());
  /** The session each request used, and when: touched once the answer has gone. */
  const seen = new WeakMap<FastifyRequest, { resolved: ResolvedSession; now: Date }>();

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
      const resolved = await (request.routeOptions.config.resolve ?? resolveSession)(deps.db, deps.clock, token);
      if (resolved) {
        if (fromCookie && !SAFE_METHODS.has(request.method)) {
          const sent = request.headers["x-csrf-token"];
          if (typeof sent !== "string" || !sameToken(sent, resolved.csrfToken)) {
            throw new AppError("forbidden", "The X-CSRF-Token header is missing or wrong.");
          }
        }
        request.actorOrNull = resolved.actor;
        request.csrfToken = resolved.csrfToken;
        request.sessionLoaded = resolved.loaded;
        request.twoFactorEnrollmentRequired = resolved.twoFactorEnrollmentRequired;
        request.firmClosed = resolved.firmClosed;
        seen.set(request, { resolved, now: deps.clock.now() });
      } else if (fromHeader && policy !== "public") {
        throw unauthenticated("The token is not valid or has been revoked.");
      }
    }
    if (policy === "public") return;
    const actor = request.actorOrNull;
    if (!actor) throw unauthenticated();
    // CLS-2: decided here once, for every route: a closed firm changes nothing.
    if (request.firmClosed && !SAFE_METHODS.has(request.method) && !request.routeOptions.config.whileClosed) {
      throw firmClosed();
    }
    if (request.twoFactorEnrollmentRequired && !request.routeOptions.config.beforeTwoFactor) {
      throw new AppError("two_factor_enrollment_required", "Your firm requires two-factor sign-in: set it up (Settings, Security) before anything else.");
    }
    if (policy === "user") return;
    const needed: readonly Permission[] = typeof policy === "string" ? [policy] : policy;
    if (!needed.some((p) => actor.permissions.has(p))) throw forbidden();
  });

  // Once the answer has gone, whatever it was: the session was used.
  app.addHook("onResponse", (request, _reply, done) => {
    const used = seen.get(request);
    if (used) touches.touch(used.resolved, used.now);
    done();
  });
}
