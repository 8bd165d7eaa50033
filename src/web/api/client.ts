import createClient, { type Middleware } from "openapi-fetch";
import type { paths as ApiPaths } from "../api-types";
import { problemFromResponse } from "./problem";

let csrfToken: string | null = null;

/** The CSRF token of the cookie session, from GET /me; kept in memory only. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !SAFE_METHODS.has(request.method.toUpperCase())) {
      request.headers.set("X-CSRF-Token", csrfToken);
    }
    return request;
  },
};

const problems: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await problemFromResponse(response);
    return response;
  },
};

/** The typed client. Non-2xx answers are thrown as ApiProblem, so `data` is set on success. */
export const api = createClient<ApiPaths>({ baseUrl: "/api/v1", credentials: "same-origin" });
api.use(csrf, problems);
