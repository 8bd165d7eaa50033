/** A problem+json answer from the server, thrown by the API client. */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Extension members such as `quote` or `counts`. */
  readonly extra: Record<string, unknown>;
  /** Seconds to wait, from the Retry-After header of a 429 (SEC-8); null when absent. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    errors?: FieldError[];
    extra?: Record<string, unknown>;
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail);
    this.name = "ApiProblem";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.extra = init.extra ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

export function isProblem(error: unknown, code?: string): error is ApiProblem {
  return error instanceof ApiProblem && (code === undefined || error.code === code);
}

const FALLBACK_DETAIL: Record<number, string> = {
  401: "Your session has ended. Please sign in again.",
  403: "You do not have permission to do this.",
  404: "This record could not be found.",
  429: "Too many attempts. Please wait a moment and try again.",
};

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
function retryAfterOf(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Builds an ApiProblem from any non-2xx response, problem+json or not. */
export async function problemFromResponse(response: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      body = (await response.clone().json()) as Record<string, unknown>;
    } catch {
      body = {};
    }
  }
  const { type: _t, title, status, detail, code, errors, ...extra } = body;
  const fallback =
    FALLBACK_DETAIL[response.status] ??
    `The server could not complete the request (HTTP ${response.status}). Please try again.`;
  return new ApiProblem({
    status: typeof status === "number" ? status : response.status,
    code: typeof code === "string" ? code : `http_${response.status}`,
    detail: typeof detail === "string" && detail ? detail : typeof title === "string" && title ? title : fallback,
    errors: Array.isArray(errors) ? (errors as FieldError[]) : [],
    extra,
    retryAfterSeconds: retryAfterOf(response.headers.get("retry-after")),
  });
}

/** "body.email" -> "email"; "query.status" -> "status"; "/email" -> "email". */
export function fieldName(path: string): string {
  return path.replace(/^\//, "").replace(/^(body|query|params|path)[./]/, "").replace(/\//g, ".");
}

/** A short message for a notification or alert. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiProblem) return error.detail;
  if (error instanceof TypeError) return "The server cannot be reached. Check your connection and try again.";
  return error instanceof Error ? error.message : String(error);
}
