import { AppError, type ErrorKind } from '../../domain/errors.js';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rule-violation': 422,
};

export interface ErrorResponse {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
  /** Unexpected errors are logged with their stack; expected ones are not noise. */
  unexpected: boolean;
}

/** The one place where an error becomes an HTTP response. */
export function mapError(error: unknown): ErrorResponse {
  if (error instanceof AppError) {
    const body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
    return { status: STATUS_BY_KIND[error.kind], body, unexpected: false };
  }
  // Framework errors (malformed JSON, payload too large, rate limited) carry their own 4xx status.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
    const message = statusCode === 429 ? 'Too many requests' : (error as Error).message;
    return { status: statusCode, body: { error: { code, message } }, unexpected: false };
  }
  // Never echo internals (SQL, stack traces) to the client.
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Internal server error' } }, unexpected: true };
}
