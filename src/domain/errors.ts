/** The small set of error classes domain code throws; the server turns them into problems. */
import type { ErrorCode, FieldError } from "../shared/errors.js";
import { ERROR_CODES } from "../shared/errors.js";

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found.`);
export const forbidden = (detail = "You do not have permission to do this.") => new AppError("forbidden", detail);
export const unauthenticated = (detail = "Sign in to continue.") => new AppError("unauthenticated", detail);
export const validation = (errors: FieldError[], detail = "Some fields are not valid.") =>
  new AppError("validation_failed", detail, {}, errors);
export const firmClosed = () =>
  new AppError("firm_closed", "The firm's account is closed: its data is read-only until it is deleted. An administrator can still download the export.");
