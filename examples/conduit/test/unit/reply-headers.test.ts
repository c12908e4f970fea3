import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import { checkedHeaderValue, outgoingHeadersOf } from '../../src/shared/interfaces/http/reply-headers.js';
import { setRequestIdHeader } from '../../src/shared/interfaces/http/request-id.js';
import { SECURITY_HEADERS, setSecurityHeaders } from '../../src/shared/interfaces/http/security-headers.js';

function setEveryResponseHeaders(reply: FastifyReply): void {
  setSecurityHeaders(reply);
  setRequestIdHeader(reply, 'req-1');
}

describe("headers stored where node:http keeps a response's headers", () => {
  it('finds them on a real reply, and what is stored there is what the response carries, errors included', async () => {
    const app = Fastify();
    const found: unknown[] = [];
    app.addHook('onRequest', (_request, reply, done) => {
      // If a Node upgrade moved them, the headers would still be set (through reply.header()), but
      // every response would pay for Node's checks again: this is where that shows.
      found.push(outgoingHeadersOf(reply));
      setEveryResponseHeaders(reply);
      done();
    });
    app.get('/', (_request, reply) => {
      expect(reply.getHeader('x-request-id')).toBe('req-1');
      // Nothing inherited answers for a header, as with node:http's own store.
      expect(reply.raw.hasHeader('constructor')).toBe(false);
      expect(reply.raw.getHeader('toString')).toBeUndefined();
      expect(reply.raw.getHeaderNames()).toEqual(expect.arrayContaining([...Object.keys(SECURITY_HEADERS), 'x-request-id']));
      void reply.header('x-after', 'kept').send({ ok: true });
    });
    app.get('/fails', () => {
      throw Object.assign(new Error('teapot'), { statusCode: 418 });
    });
    try {
      for (const url of ['/', '/fails', '/missing']) {
        const response = await app.inject({ method: 'GET', url });
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers[name]).toBe(value);
        expect(response.headers['x-request-id']).toBe('req-1');
        expect(response.headers['content-type']).toMatch(/^application\/json/);
      }
      expect(found).toHaveLength(3);
      for (const headers of found) expect(headers).toBeTypeOf('object');
      expect((await app.inject({ method: 'GET', url: '/' })).headers['x-after']).toBe('kept');
    } finally {
      await app.close();
    }
  });

  it('writes them on the wire once each, beside the ones Fastify and the handler set', async () => {
    const app = Fastify({ serverFactory: (handler) => createServer(handler) });
    app.addHook('onRequest', (_request, reply, done) => {
      setEveryResponseHeaders(reply);
      done();
    });
    app.get('/', (_request, reply) => void reply.header('x-request-id', 'replaced').send('{"ok":true}'));
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      const { raw, headers } = await new Promise<{ raw: string[]; headers: IncomingHttpHeaders }>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/' }, (response) => {
          response.resume();
          response.on('end', () => resolve({ raw: response.rawHeaders, headers: response.headers }));
        })
          .on('error', reject)
          .end();
      });
      const names = raw.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name]).toBe(value);
      // A header set later through Fastify replaces the early one, as it did before.
      expect(headers['x-request-id']).toBe('replaced');
      expect(headers['content-length']).toBe('11');
    } finally {
      await app.close();
    }
  });

  it('takes only a request id that is a valid header value into that store', async () => {
    const app = Fastify();
    app.get('/', (_request, reply) => {
      setRequestIdHeader(reply, 'bad\r\nset-cookie: x=1');
      return 'ok';
    });
    try {
      // Through reply.header(), where Node refuses it as it refuses any invalid header.
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(500);
    } finally {
      await app.close();
    }
  });

  it('checks fixed values once, as Node checks any header', () => {
    expect(checkedHeaderValue('x-fixed', 'value')).toBe('value');
    expect(() => checkedHeaderValue('x fixed', 'value')).toThrow();
    expect(() => checkedHeaderValue('x-fixed', 'a\r\nb')).toThrow();
  });
});
