/** Error codes of CONTRACT §3 and the one table mapping them to HTTP statuses. */
export const ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  plan_upgrade_required: 403,
  not_found: 404,
  validation_failed: 422,
  malformed_request: 400,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  plan_upgrade_required: 'Plan upgrade required',
  not_found: 'Not found',
  validation_failed: 'Validation failed',
  malformed_request: 'Malformed request',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  constructor(code: ErrorCode, detail: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail);
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const validationFailed = (path: string, message: string) =>
  new AppError('validation_failed', message, { errors: [{ path, message }] });

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  instance?: string;
}

export function toProblem(error: AppError, instance?: string): Problem {
  return {
    type: `https://docs.cargolint.dev/errors/${error.code}`,
    title: TITLES[error.code],
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    ...(instance ? { instance } : {}),
  };
}
