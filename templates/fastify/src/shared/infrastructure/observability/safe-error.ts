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

/**
 * Drizzle appends `params: <every bound value>` to its message (and keeps them as `params`). The
 * list runs to the end of the message: a bound value may itself hold newlines.
 */
const withoutParams = (text: string): string => text.replace(/\nparams:[\s\S]*$/, '\nparams: [redacted]');

/**
 * The stack's frames, read only after the message it starts with: a message holding a bound value
 * such as "\n    at …" must not pass for a frame.
 */
function stackFrames(error: Error): string[] {
  const stack = error.stack ?? '';
  const at = stack.indexOf(error.message);
  const afterMessage = at === -1 ? stack : stack.slice(at + error.message.length);
  return afterMessage.split('\n').filter((line) => /^\s+at /.test(line));
}

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
  const frames = stackFrames(error);
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
