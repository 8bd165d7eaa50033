/** The stable error codes of API.md, with their HTTP status. */
export const ERROR_CODES = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  two_factor_required: 401,
  two_factor_invalid: 401,
  forbidden: 403,
  sso_required: 403,
  two_factor_enrollment_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  email_in_use: 409,
  license_purchase_required: 409,
  no_available_license: 409,
  reassignment_required: 409,
  user_not_active: 409,
  role_immutable: 409,
  role_in_use: 409,
  conflict: 409,
  sso_not_tested: 409,
  addon_already_allocated: 409,
  addon_trial_unavailable: 409,
  addon_trial_not_active: 409,
  firm_closed: 409,
  invitation_expired: 410,
  link_expired: 410,
  invitation_invalid: 404,
  reset_expired: 410,
  reset_invalid: 404,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extension: string]: unknown;
}
