import { pino, type Logger as PinoLogger } from 'pino';

export type AppLogger = PinoLogger;

export interface LoggerOptions {
  level: string;
  serviceName: string;
}

/** JSON lines on stdout for the platform to collect; secrets are redacted before they are written. */
export function createLogger(options: LoggerOptions): AppLogger {
  return pino({
    level: options.level,
    base: { service: options.serviceName },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.accessToken'],
      censor: '[redacted]',
    },
  });
}
