/**
 * What the HTTP layer may know of a database error: the SQLSTATE and the constraint name, read by
 * shape (pg and PGlite both set `code`, drivers and ORMs wrap it as `cause`). Messages are never
 * read: the ORM's message embeds every bound parameter (emails, password hashes).
 */
export interface DatabaseFailure {
  kind: 'statement' | 'unavailable';
  sqlstate?: string;
  constraint?: string;
  /** A socket error code (ECONNREFUSED) when the database could not be reached at all. */
  errno?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Connection exceptions (08), operator intervention: shutdown, crash, timeout (57), insufficient resources (53). */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57']);
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg-pool and pg report these without a code. */
const DRIVER_UNAVAILABLE = /timeout exceeded when trying to connect|Connection terminated|connection error|Client was closed|Cannot use a pool after calling end|Query read timeout/i;

export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  let sawQuery = false;
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth += 1) {
    const { code, constraint } = current as Error & { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && SQLSTATE.test(code) && !code.startsWith('E')) {
      const kind = UNAVAILABLE_CLASSES.has(code.slice(0, 2)) ? 'unavailable' : 'statement';
      return { kind, sqlstate: code, ...(typeof constraint === 'string' ? { constraint } : {}) };
    }
    if (typeof code === 'string' && SOCKET_ERRORS.has(code)) return { kind: 'unavailable', errno: code };
    if (current.name === 'DrizzleQueryError' || current.message.startsWith('Failed query')) sawQuery = true;
    if (DRIVER_UNAVAILABLE.test(current.message) && (sawQuery || depth === 0)) return { kind: 'unavailable' };
  }
  return undefined;
}
