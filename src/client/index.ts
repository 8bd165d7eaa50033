/**
 * A typed client for the Chambers API, for outside scripts and services: `import {
 * createChambersClient } from "chambers/client"`. Its types are generated from the server's
 * OpenAPI document (./schema.ts, `npm run gen:client`), so paths, parameters, bodies, answers
 * and each error's `code` are checked by the compiler. Built on openapi-fetch: every call
 * returns `{ data, error, response }`, with `error` the problem+json body of a failed answer.
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** The problem+json body of every error answer (RFC 9457), with its stable `code`. */
export type Problem = components["schemas"]["Problem"];
/** Every stable error code. */
export type ErrorCode = Problem["code"];

export interface ChambersClientOptions {
  /** The server's address, e.g. `https://chambers.example.com`; `/api/v1` is added. */
  baseUrl: string;
  /** A session token (POST /sessions) or an API token (POST /me/tokens), sent as `Authorization: Bearer`. */
  token?: string;
  /** Headers for every request, e.g. `X-Request-Id`. */
  headers?: Record<string, string>;
  /** Another fetch (a test's, a proxy's); the global one by default. */
  fetch?: typeof globalThis.fetch;
}

export type ChambersClient = Client<paths>;

/** A client for one server and one token. */
export function createChambersClient(options: ChambersClientOptions): ChambersClient {
  const { baseUrl, token, headers, fetch } = options;
  return createClient<paths>({
    baseUrl: `${baseUrl.replace(/\/+$/, "")}/api/v1`,
    headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(fetch ? { fetch } : {}),
  });
}

/** Whether a call's `error` is a problem, optionally with the given code. */
export function isProblem<C extends ErrorCode>(error: unknown, code?: C): error is Problem & { code: C } {
  if (typeof error !== "object" || error === null) return false;
  const found = (error as { code?: unknown }).code;
  return typeof found === "string" && (code === undefined || found === code);
}
