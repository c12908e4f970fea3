import type { Duplex } from 'node:stream';

/**
 * A request the HTTP parser rejected before Fastify saw it (headers over Node's size limit, bad
 * header bytes, a request that took too long to arrive) is answered in the RealWorld error format
 * too, straight on the socket: no request object exists yet. Passed as Fastify's `clientErrorHandler`;
 * Fastify's own answer was its `{ error, message, statusCode }` body (found by the OpenAPI fuzzer: a
 * long Authorization header with a long path, 431).
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
  const [status, label, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'the request took too long to arrive']
        : [400, 'Bad Request', 'malformed HTTP request'];
  const body = JSON.stringify({ errors: { body: [message] } });
  const head = [`HTTP/1.1 ${status} ${label}`, 'content-type: application/json; charset=utf-8', `content-length: ${Buffer.byteLength(body)}`, 'connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
