import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { serializeError } from './safe-error.js';

export type AppLogger = PinoLogger;

export interface LoggerOptions {
  level: string;
  serviceName: string;
  /** stdout unless given (tests read the lines). */
  destination?: DestinationStream;
  /** The active trace's ids, added to every line so logs and traces can be joined (tracing on only). */
  traceIds?: () => Record<string, string> | undefined;
}

/** JSON lines on stdout for the platform to collect; secrets are redacted before they are written. */
export function createLogger(options: LoggerOptions): AppLogger {
  const settings = {
    level: options.level,
    base: { service: options.serviceName },
    serializers: { err: serializeError },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.accessToken'],
      censor: '[redacted]',
    },
    ...(options.traceIds ? { mixin: () => options.traceIds?.() ?? {} } : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
