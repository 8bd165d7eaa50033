/** What several routes need of the HTTP exchange itself: links' address, the session cookie. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { OpenedSession } from "../domain/sessions/open-session.js";
import { SESSION_COOKIE } from "./plugins/auth.js";
import type { Deps } from "./deps.js";

/** Where and with what a session was opened, for the session list (SES-1). */
export const requestMeta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers["user-agent"] ?? null });

/** The console's address for links in mail: PUBLIC_URL, or where this request came in. */
export function appUrl(deps: Deps, request: FastifyRequest): string {
  return deps.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`;
}

/** SEC-3: HttpOnly, SameSite=Lax, and Secure behind HTTPS. */
export function setSessionCookie(reply: FastifyReply, deps: Deps, request: FastifyRequest, session: OpenedSession) {
  const secure = request.protocol === "https" || (deps.config.PUBLIC_URL?.startsWith("https://") ?? false);
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    ...(session.expiresAt ? { expires: session.expiresAt } : {}),
  });
}
