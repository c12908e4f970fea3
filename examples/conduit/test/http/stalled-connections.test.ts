import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { destroyStalledConnections } from '../../src/shared/interfaces/http/stalled-connections.js';

/** More than the loopback socket buffers hold, so that a client that does not read leaves most of it queued in the server. */
const LARGE = Buffer.alloc(64 * 1024 * 1024, 'a');
/** What a reading client takes in far less than the timeout. */
const MEDIUM = Buffer.alloc(1024 * 1024, 'b');

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

describe('connections whose response stopped leaving', () => {
  it('are destroyed when the client stops reading; a client that reads, and an idle keep-alive connection, are not', async () => {
    const app = Fastify();
    const stop = destroyStalledConnections(app.server, { timeoutMs: 1_000, checkEveryMs: 50 });
    app.get('/large', (_request, reply) => reply.type('application/octet-stream').send(LARGE));
    app.get('/medium', (_request, reply) => reply.type('application/octet-stream').send(MEDIUM));
    app.get('/small', () => ({ ok: true }));
    // The server's side of each connection, by the client's port (a client that does not read
    // would not notice its connection closing).
    const serverSide = new Map<number, Socket>();
    app.server.on('connection', (socket: Socket) => serverSide.set(socket.remotePort ?? 0, socket));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const serverSideOf = async (client: Socket) => {
      for (;;) {
        const socket = client.localPort === undefined ? undefined : serverSide.get(client.localPort);
        if (socket) return socket;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    try {
      // Never reads: the response sits in the server until the connection is destroyed.
      const stalled = connect(port, '127.0.0.1');
      stalled.pause();
      stalled.write('GET /large HTTP/1.1\r\nhost: x\r\n\r\n');
      const stalledClosed = closed(await serverSideOf(stalled));

      // Reads everything: its response leaves, and the connection stays open for the next request.
      const reader = connect(port, '127.0.0.1');
      let received = 0;
      reader.on('data', (chunk: Buffer) => (received += chunk.length));
      reader.write('GET /medium HTTP/1.1\r\nhost: x\r\n\r\n');

      // Idle after a small response: nothing queued, so nothing to time out (keepAliveTimeout's job).
      const idle = connect(port, '127.0.0.1');
      let idleClosed = false;
      idle.once('close', () => (idleClosed = true));
      idle.on('data', () => undefined);
      idle.write('GET /small HTTP/1.1\r\nhost: x\r\n\r\n');
      const idleServerSide = await serverSideOf(idle);
      const readerServerSide = await serverSideOf(reader);

      await stalledClosed;
      await new Promise<void>((resolve) => {
        const check = () => (received > MEDIUM.length ? resolve() : setTimeout(check, 20));
        check();
      });
      // Checks go on (every 50 ms) with the reader and the idle connection open and nothing queued.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(readerServerSide.destroyed).toBe(false);
      expect(idleServerSide.destroyed).toBe(false);
      expect(idleClosed).toBe(false);
      stalled.destroy();
      reader.destroy();
      idle.destroy();
    } finally {
      stop();
      await app.close();
    }
  });
});
