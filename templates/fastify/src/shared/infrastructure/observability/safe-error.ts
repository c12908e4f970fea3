/** A logged error: what an operator needs, without the values a query was bound to. */
export interface SafeError {
  type: string;
  message: string;
  stack?: string | undefined;
  code?: string;
  constraint?: string;
  cause?: SafeError;
}

const SQLSTATE = /^[0-9A-DF-Z][0-9A-Z]{4}$/;

/** Drizzle appends `params: <every bound value>` to its message (and keeps them as `params`). */
const withoutParams = (text: string): string => text.replace(/\nparams:[^\n]*/g, '\nparams: [redacted]');

/**
 * The `err` serializer of every log line. Copies only named fields (never own enumerable properties,
 * where ORMs keep `params`); strips parameters from ORM messages; and replaces the message of a
 * database error with its SQLSTATE, since PostgreSQL quotes the offending value in it
 * (`invalid input syntax for type integer: "…"`). Stacks keep their frames under the safe message.
 */
export function serializeError(error: unknown, depth = 0): SafeError | unknown {
  if (!(error instanceof Error)) return error;
  const { code, constraint } = error as Error & { code?: unknown; constraint?: unknown };
  const sqlstate = typeof code === 'string' && SQLSTATE.test(code) ? code : undefined;
  const message = sqlstate ? `database error SQLSTATE ${sqlstate}` : withoutParams(error.message);
  const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line)) ?? [];
  const safe: SafeError = {
    type: error.name,
    message,
    stack: [`${error.name}: ${message}`, ...frames].join('\n'),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
  if (error.cause instanceof Error && depth < 5) safe.cause = serializeError(error.cause, depth + 1) as SafeError;
  return safe;
}
