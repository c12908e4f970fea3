import { request } from 'node:http';
import type { FuzzRequest, FuzzResponse } from './openapi-fuzzer.js';

/**
 * node:http rather than fetch: fetch normalises paths and refuses some header values, and the
 * point here is to send exactly the bytes a hostile client would.
 */
export function sendRaw(baseUrl: string, input: FuzzRequest): Promise<FuzzResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      // A connection per request: a server that rightly drops one hostile request's socket must not
      // make the next request, queued on the same keep-alive socket, look like a failure.
      { host: url.hostname, port: url.port, method: input.method, path: input.path, headers: input.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    outgoing.on('error', reject);
    if (input.body !== undefined) outgoing.write(input.body);
    outgoing.end();
  });
}
