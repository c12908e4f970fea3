import { pino, type Logger as PinoLogger } from 'pino';

export type { PinoLogger };

/** Structured JSON logs; secrets that may appear in requests are redacted at the source. */
export function createLogger(level: string): PinoLogger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.refreshToken', '*.token'],
      censor: '[redacted]',
    },
  });
}
