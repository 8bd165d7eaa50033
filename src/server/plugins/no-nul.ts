/**
 * SEC-5: PostgreSQL cannot store a NUL character in text, so one anywhere in a request's path
 * parameters, query or JSON body would fail deep inside a statement as a 500. Refused here, for
 * every route, as the 400 a malformed field gets, naming it.
 */
import type { FastifyInstance } from "fastify";
import { validation } from "../../domain/errors.js";

const MAX_DEPTH = 32;

/** The path of the first string holding a NUL, or null. */
function nulAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path || "body" : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000")) return path || "body";
    const found = nulAt(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function registerNoNul(app: FastifyInstance) {
  app.addHook("preValidation", async (request) => {
    const path = nulAt(request.params, "") ?? nulAt(request.query, "") ?? nulAt(request.body, "");
    if (path !== null) throw validation([{ path, message: "Must not contain a NUL character." }]);
  });
}
