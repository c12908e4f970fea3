import { request, type IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { FuzzRequest, FuzzResponse } from './openapi-fuzzer.js';

type Done = (error?: Error | null) => void;

/** Write failures that only say the server stopped reading, which it may do after answering. */
const STOPPED_READING = new Set(['EPIPE', 'ECONNRESET']);

/**
 * A server may answer a request it rejects early (a bad path, a body too large) and close without
 * reading the rest of the body; the client's next write then fails. The kernel can report that
 * failure before the answer, already received, has been read, and a plain net.Socket destroys
 * itself on it, answer unread. This socket records the failure, drops the rest of the body and
 * keeps reading; whether an answer came is decided by what was read.
 */
class AnswerKeepingSocket extends Socket {
  writeFailure: Error | undefined;

  override _write(chunk: unknown, encoding: BufferEncoding, done: Done): void {
    if (this.writeFailure) return done();
    super._write(chunk, encoding, (error) => done(this.tolerated(error)));
  }

  override _writev(chunks: { chunk: unknown; encoding: BufferEncoding }[], done: Done): void {
    if (this.writeFailure) return done();
    super._writev!(chunks, (error) => done(this.tolerated(error)));
  }

  override _final(done: Done): void {
    // The server no longer reads: there is nothing left to half-close.
    if (this.writeFailure) return done();
    super._final(done);
  }

  private tolerated(error: Error | null | undefined): Error | null | undefined {
    if (!error || !STOPPED_READING.has((error as NodeJS.ErrnoException).code ?? '')) return error;
    this.writeFailure = error;
    return null;
  }
}

/**
 * node:http rather than fetch: fetch normalises paths and refuses some header values, and the
 * point here is to send exactly the bytes a hostile client would. An answer counts only when it
 * arrived whole (status line, headers, body); a connection closed or reset before that is a failure,
 * whether or not writing the body failed first.
 */
export function sendRaw(baseUrl: string, input: FuzzRequest): Promise<FuzzResponse> {
  const url = new URL(baseUrl);
  let socket: AnswerKeepingSocket | undefined;
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    const failed = (reason: string) => {
      const cutShort = answer ? `an answer cut short (status ${answer.statusCode}, ${Buffer.concat(chunks).length} body bytes): ` : '';
      const writeFailure = socket?.writeFailure ? `${socket.writeFailure.message} while sending the body, then ` : '';
      reject(new Error(`${writeFailure}${cutShort}${reason}`));
    };
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: input.method,
        path: input.path,
        headers: input.headers,
        // A connection per request (no agent, so `connection: close`): a server that rightly drops one hostile
        // request's socket must not make the next request, queued on the same keep-alive socket, look like a failure.
        createConnection: () => {
          socket = new AnswerKeepingSocket();
          return socket.connect({ host: url.hostname, port: Number(url.port) });
        },
      },
      (response) => {
        answer = response;
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString() }),
        );
        response.on('close', () => {
          if (!response.complete) failed('connection closed');
        });
      },
    );
    outgoing.on('error', (error) => {
      // An error once the whole answer was read leaves that answer standing: 'end' resolves with it.
      if (!answer?.complete) failed(error.message);
    });
    if (input.body !== undefined) outgoing.write(input.body);
    outgoing.end();
  });
}
