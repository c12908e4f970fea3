import { DrizzleQueryError } from 'drizzle-orm';

/** What may be logged about a database error: never the statement's parameters, which hold emails and hashes. */
export interface DatabaseErrorFacts {
  sqlState?: string;
  constraint?: string;
  /** A driver-level connection failure (refused, reset, timed out) that carries no SQLSTATE. */
  connection?: string;
  /** A failed query with neither: only that it failed. */
  query?: string;
}

export interface ClassifiedDatabaseError {
  /** data: the request carried a value the database cannot take; unavailable: try again later. */
  kind: 'data' | 'integrity' | 'unavailable' | 'other';
  facts: DatabaseErrorFacts;
}

/** Drizzle wraps driver errors (DrizzleQueryError, whose message holds the SQL and its params) and both drivers use SQLSTATE codes; look through both. */
function sqlState(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined };
    }
    current = candidate.cause;
  }
  return {};
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a lost or never-made connection with these messages and no code.
const CONNECTION_MESSAGES = [/connection terminated/i, /query read timeout/i, /timeout exceeded when trying to connect/i, /not queryable/i, /connection.*ended/i, /pool.*ended/i];

function connectionFailure(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && SOCKET_CODES.has(candidate.code)) return candidate.code;
    // A failed query's own message is its SQL and bound values: only its cause speaks for the driver.
    if (typeof candidate.message === 'string' && !(current instanceof DrizzleQueryError)) {
      const match = CONNECTION_MESSAGES.find((pattern) => pattern.test(candidate.message as string));
      if (match) return (candidate.message as string).slice(0, 80);
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Sorts a database error by its SQLSTATE class: 22 (data exception) is the caller's value, 23 an
 * integrity rule, 08 / 53 / 57 / 40 (connection, resources, operator intervention or statement
 * timeout, serialization) mean the database cannot serve right now. Undefined when it is not a
 * database error at all.
 */
export function classifyDatabaseError(error: unknown): ClassifiedDatabaseError | undefined {
  const { code, constraint } = sqlState(error);
  if (code) {
    const facts: DatabaseErrorFacts = constraint ? { sqlState: code, constraint } : { sqlState: code };
    const sqlClass = code.slice(0, 2);
    if (sqlClass === '22') return { kind: 'data', facts };
    if (sqlClass === '23') return { kind: 'integrity', facts };
    if (['08', '53', '57', '40'].includes(sqlClass)) return { kind: 'unavailable', facts };
    return { kind: 'other', facts };
  }
  const connection = connectionFailure(error);
  if (connection) return { kind: 'unavailable', facts: { connection } };
  // Any other failed query: recognised so that its message (SQL and parameters) is never logged.
  // By class: DrizzleQueryError leaves `name` as 'Error'.
  if (error instanceof DrizzleQueryError) return { kind: 'other', facts: { query: 'failed without SQLSTATE' } };
  return undefined;
}

/**
 * What to log about any error that may have come from a query: the database facts when it did
 * (a failed query's message holds its bound parameters), the message otherwise.
 */
export function loggableFailure(error: unknown): object {
  const database = classifyDatabaseError(error);
  if (database) return { dependency: database.facts };
  return { cause: error instanceof Error ? error.message : String(error) };
}

/** The violated unique constraint's name, or undefined when the error is something else. */
export function uniqueViolation(error: unknown): string | undefined {
  const state = sqlState(error);
  return state.code === '23505' ? (state.constraint ?? 'unknown') : undefined;
}
