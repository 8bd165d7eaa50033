/**
 * SEC-8: rate limits shared by every instance. A route declares its budgets in
 * `config.limits`; before its handler runs, one statement counts the request against all of
 * them in the database. The client's address is Fastify's `request.ip`, which believes
 * X-Forwarded-For only through the proxies named in TRUST_PROXY. Every limited answer carries
 * the IETF RateLimit header fields; a refused one adds Retry-After.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { normaliseEmail } from "../../domain/accounts/emails.js";
import { AppError } from "../../domain/errors.js";
import type { Clock } from "../../domain/clock.js";
import type { Db } from "../../db/client.js";
import { hitBudgets, purgeEndedBudgets } from "../../db/rate-limits.js";

export interface RateLimit {
  /** Names the budget in its key, e.g. `sign-in:address`. */
  name: string;
  max: number;
  windowSeconds: number;
  /** Whose budget it is, in words, for the OpenAPI document: `address`, `account`, `user`. */
  per: string;
  /** Whose budget the request spends; null spends none (e.g. no email given). */
  key: (request: FastifyRequest) => string | null;
}

declare module "fastify" {
  interface FastifyContextConfig {
    limits?: readonly RateLimit[];
  }
}

/** A budget per client address. */
export const perAddress = (name: string, max: number, windowSeconds: number): RateLimit => ({
  name,
  max,
  windowSeconds,
  per: "client address",
  key: (req) => req.ip,
});

/** A budget per account, named by the `email` of the body, whatever address it comes from. */
export const perEmail = (name: string, max: number, windowSeconds: number): RateLimit => ({
  name,
  max,
  windowSeconds,
  per: "account (the body's email)",
  key: (req) => {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return typeof email === "string" && email.trim() ? normaliseEmail(email) : null;
  },
});

/** A budget per address and account together. */
export const perAddressAndEmail = (name: string, max: number, windowSeconds: number): RateLimit => {
  const byEmail = perEmail(name, max, windowSeconds);
  return { name, max, windowSeconds, per: "client address and account", key: (req) => `${req.ip}|${byEmail.key(req) ?? ""}` };
};

/** A budget per signed-in user, whatever address they come from. */
export const perUser = (name: string, max: number, windowSeconds: number): RateLimit => ({
  name,
  max,
  windowSeconds,
  per: "signed-in user",
  key: (req) => req.actorOrNull?.userId ?? req.ip,
});

/**
 * SES-3: two-factor codes tried, per account, whichever route and address they come through:
 * the body's email at sign-in, the signed-in user's otherwise. Only a request carrying a code
 * spends it.
 */
export const perAccountCodes = (max: number, windowSeconds: number): RateLimit => ({
  name: "two-factor-code",
  max,
  windowSeconds,
  per: "account (two-factor codes tried)",
  key: (req) => {
    const body = req.body as { code?: unknown; email?: unknown } | undefined;
    if (typeof body?.code !== "string") return null;
    if (typeof body.email === "string") return body.email.trim() ? normaliseEmail(body.email) : null;
    return req.actorOrNull ? normaliseEmail(req.actorOrNull.email) : null;
  },
});

/**
 * SES-3: six digits give a million codes, three of them right at any moment (one step of
 * drift either way): ten tries a quarter hour make a guess take about a year on average.
 */
export const TWO_FACTOR_CODE_LIMIT = perAccountCodes(10, 15 * 60);

const PURGE_EVERY = 1000;

export function registerRateLimits(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  let counted = 0;
  app.addHook("preHandler", async (request, reply) => {
    const limits = request.routeOptions.config.limits;
    if (!limits?.length) return;
    const spent = limits
      .map((limit) => ({ limit, key: limit.key(request) }))
      .filter((s): s is { limit: RateLimit; key: string } => s.key !== null);
    if (!spent.length) return;
    const now = deps.clock.now();
    const states = await hitBudgets(
      deps.db,
      now,
      spent.map((s) => ({ key: `${s.limit.name}|${s.key}`, windowMs: s.limit.windowSeconds * 1000 })),
    );
    // The tightest budget speaks for the request.
    let tightest = { remaining: Infinity, max: 0, resetSeconds: 0, over: false };
    let refusedResetSeconds = 0;
    states.forEach((state, i) => {
      const { limit } = spent[i]!;
      const remaining = Math.max(0, limit.max - state.hits);
      const resetSeconds = Math.max(1, Math.ceil((state.resetAt.getTime() - now.getTime()) / 1000));
      const over = state.hits > limit.max;
      if (over) refusedResetSeconds = Math.max(refusedResetSeconds, resetSeconds);
      if (remaining < tightest.remaining || (remaining === tightest.remaining && over)) tightest = { remaining, max: limit.max, resetSeconds, over };
    });
    reply.header("ratelimit-limit", String(tightest.max));
    reply.header("ratelimit-remaining", String(tightest.remaining));
    reply.header("ratelimit-reset", String(refusedResetSeconds || tightest.resetSeconds));
    if (++counted % PURGE_EVERY === 0) {
      purgeEndedBudgets(deps.db, now).catch((err: unknown) => request.log.warn({ err }, "rate-limit purge failed"));
    }
    if (refusedResetSeconds) {
      reply.header("retry-after", String(refusedResetSeconds));
      throw new AppError("rate_limited", `Too many attempts. Try again in ${refusedResetSeconds} seconds.`);
    }
  });
}
