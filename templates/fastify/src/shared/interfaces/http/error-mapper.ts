import { AppError, type ErrorKind } from '../../domain/errors.js';
import { databaseFailureOf, type DatabaseFailure } from './database-failure.js';

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
  /** What to log about a database failure: its SQLSTATE and constraint, never the query's parameters. */
  database?: DatabaseFailure;
}

const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', message: 'A dependency is unavailable; retry later' };

/** The one place where an error becomes an HTTP response. */
export function mapError(error: unknown): ErrorResponse {
  if (error instanceof AppError) {
    const body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
    return { status: STATUS_BY_KIND[error.kind], body, unexpected: false };
  }
  const database = databaseFailureOf(error);
  if (database) return { ...mapDatabaseFailure(database), database };
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

/** By SQLSTATE class: the client's data (22), a race the client may retry (23, 40), or a database that cannot serve now. */
function mapDatabaseFailure(failure: DatabaseFailure): Omit<ErrorResponse, 'database'> {
  if (failure.kind === 'unavailable') return { status: 503, body: { error: UNAVAILABLE }, unexpected: false };
  const sqlClass = failure.sqlstate?.slice(0, 2);
  if (sqlClass === '22') return { status: 400, body: { error: { code: 'INVALID_VALUE', message: 'A value is out of range or malformed' } }, unexpected: false };
  if (sqlClass === '23') return { status: 409, body: { error: { code: 'CONSTRAINT_VIOLATION', message: 'The change conflicts with existing data' } }, unexpected: false };
  if (sqlClass === '40') return { status: 503, body: { error: UNAVAILABLE }, unexpected: false };
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Internal server error' } }, unexpected: true };
}
