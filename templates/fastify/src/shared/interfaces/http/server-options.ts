import type { Duplex } from 'node:stream';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TokenVerifier } from './authenticate.js';
import type { ErrorResponse } from './error-mapper.js';
import type { RouteDefinition } from './http-types.js';

export interface RequestSample {
  method: string;
  /** The route template (`/invoices/:id`), never the raw URL: raw URLs explode metric cardinality. */
  route: string;
  status: number;
  seconds: number;
}

/** Everything the HTTP adapter needs, handed over by the composition root. */
export interface HttpServerOptions {
  logger: Logger;
  routes: readonly RouteDefinition[];
  verifyToken: TokenVerifier;
  corsOrigins: readonly string[];
  trustProxy: boolean;
  rateLimit: {
    /** Requests per minute per client on ordinary routes. */
    max: number;
    /** Requests per minute per client on credential routes. */
    authMax: number;
    /** Shared counters across instances when set; per-process counters otherwise. */
    redis?: Redis | undefined;
    keyPrefix: string;
  };
  observe(sample: RequestSample): void;
}

export interface HttpServer {
  /** Resolves with the base URL once the port is bound. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting connections and resolves when in-flight requests have completed. */
  close(): Promise<void>;
  /** The hard stop used when draining exceeds the shutdown timeout. */
  destroyConnections(): void;
}

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[\w.-]{1,128}$/;

/** Trust an upstream request id only if it looks like one; it ends up in every log line. */
export function acceptRequestId(header: unknown, generate: () => string): string {
  return typeof header === 'string' && VALID_REQUEST_ID.test(header) ? header : generate();
}

/**
 * Preflight answers for the methods the route tables use (the CORS packages' defaults differ), and
 * the headers clients send and may read.
 */
export const CORS_POLICY = {
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: ['authorization', 'content-type', REQUEST_ID_HEADER],
  exposedHeaders: [REQUEST_ID_HEADER],
  maxAge: 600,
};

/** Database failures are logged by SQLSTATE and constraint only; other unexpected errors with their (sanitised) stack. */
export function logFailure(log: Pick<Logger, 'warn' | 'error'>, mapped: ErrorResponse, error: unknown): void {
  if (mapped.database) {
    const level = mapped.status >= 500 ? 'error' : 'warn';
    log[level]({ database: mapped.database, status: mapped.status }, 'database error');
  } else if (mapped.unexpected) {
    log.error({ err: error }, 'unhandled error');
  }
}

/**
 * A request the HTTP parser rejected (bad header bytes, oversized headers, a timeout) is answered
 * in the one error format too, straight on the socket: no request object exists yet.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node itself does: never write after a response already began on this socket (the bytes the
  // parser choked on may be the unread body of a request that was answered).
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (!socket.writable || answering) {
    socket.destroy();
    return;
  }
  const [status, label, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'Request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request took too long to arrive']
        : [400, 'Bad Request', 'BAD_REQUEST', 'Malformed HTTP request'];
  const body = JSON.stringify({ error: { code, message } });
  const head = [`HTTP/1.1 ${status} ${label}`, 'content-type: application/json; charset=utf-8', `content-length: ${Buffer.byteLength(body)}`, 'connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
