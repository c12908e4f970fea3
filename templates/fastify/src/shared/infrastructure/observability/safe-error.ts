/** A logged error: what an operator needs, without the values a query was bound to. */
export interface SafeError {
  type: string;
  message: string;
  stack?: string | undefined;
  code?: string;
  constraint?: string;
  cause?: SafeError;
}

/** Drizzle appends `params: <every bound value>` to its message, and keeps them as `params`. */
const withoutParams = (text: string): string => text.replace(/\nparams:[^\n]*/g, '\nparams: [redacted]');

/**
 * The `err` serializer of every log line. Copies only named fields (never own enumerable properties,
 * where ORMs keep `params`), and strips parameters from message and stack.
 */
export function serializeError(error: unknown, depth = 0): SafeError | unknown {
  if (!(error instanceof Error)) return error;
  const { code, constraint } = error as Error & { code?: unknown; constraint?: unknown };
  const safe: SafeError = {
    type: error.name,
    message: withoutParams(error.message),
    stack: error.stack === undefined ? undefined : withoutParams(error.stack),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
  if (error.cause instanceof Error && depth < 5) safe.cause = serializeError(error.cause, depth + 1) as SafeError;
  return safe;
}
