import { pino, type Logger as PinoLogger } from 'pino';

export type { PinoLogger };

export interface LoggerOptions {
  /** Trace and span ids of the active span, merged into every line so logs and traces join up. */
  traceIds?: () => Record<string, string> | undefined;
}

/** Structured JSON logs; secrets that may appear in requests are redacted at the source. */
export function createLogger(level: string, options: LoggerOptions = {}): PinoLogger {
  const { traceIds } = options;
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.refreshToken', '*.token'],
      censor: '[redacted]',
    },
    ...(traceIds ? { mixin: () => traceIds() ?? {} } : {}),
  });
}
