import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendRaw } from './raw-http.js';

const ERROR_BODY = JSON.stringify({ error: { code: 'BAD_URL', message: 'URI malformed' } });
const ERROR_ANSWER = [
  'HTTP/1.1 400 Bad Request',
  'content-type: application/json; charset=utf-8',
  `content-length: ${Buffer.byteLength(ERROR_BODY)}`,
  'connection: close',
  '',
  ERROR_BODY,
].join('\r\n');

// Far more than the kernel buffers hold: the client is still writing when the server gives up reading.
const LONG_BODY = 'y'.repeat(24 * 1024 * 1024);
const READ_BEFORE_GIVING_UP = 6 * 1024 * 1024;

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/**
 * A server that reads part of the body, then hands the socket to `giveUp`, which closes it with
 * body bytes unread: the kernel resets the connection under the client's next write. In one
 * process, the server's turn often comes in the same loop iteration as the client's "you may write
 * again", after the client's reads: the write fails before the client has read what the server sent,
 * as it can against a service process on another core.
 */
async function serverThatGivesUp(giveUp: (socket: Socket) => void): Promise<string> {
  server = createServer((socket) => {
    socket.on('error', () => {});
    let read = 0;
    socket.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read >= READ_BEFORE_GIVING_UP && !socket.destroyed) giveUp(socket);
    });
  });
  await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const longPut = { method: 'PUT', path: '/users/%ZZ/role', headers: { 'content-type': 'application/json' }, body: LONG_BODY };

describe('sendRaw against a server that stops reading the body', () => {
  it('counts the full answer the server sent before it reset the connection under the write', async () => {
    const url = await serverThatGivesUp((socket) => {
      socket.write(ERROR_ANSWER);
      socket.destroy();
    });
    // The race is the kernel's: a handful of tries makes the old client lose it every time here.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await expect(sendRaw(url, longPut)).resolves.toEqual({ status: 400, contentType: 'application/json; charset=utf-8', text: ERROR_BODY });
    }
  });

  it('fails a connection reset with no answer at all', async () => {
    const url = await serverThatGivesUp((socket) => socket.destroy());
    await expect(sendRaw(url, longPut)).rejects.toThrow(/^(write (ECONNRESET|EPIPE) while sending the body, then )?(read ECONNRESET|socket hang up)$/);
  });

  it('fails an answer cut short: headers and part of the body, then a reset', async () => {
    const url = await serverThatGivesUp((socket) => {
      socket.write(ERROR_ANSWER.slice(0, -10));
      socket.destroy();
    });
    await expect(sendRaw(url, longPut)).rejects.toThrow(/an answer cut short \(status 400, [0-9]+ body bytes\)/);
  });

  it('fails a connection closed with no answer to a request without a body', async () => {
    server = createServer((socket) => socket.once('data', () => socket.end()));
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(sendRaw(url, { method: 'GET', path: '/health/live', headers: {} })).rejects.toThrow(/socket hang up/);
  });
});
