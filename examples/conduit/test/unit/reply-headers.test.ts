import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { headersOf } from '../../src/shared/interfaces/http/reply-headers.js';
import { setRequestIdHeader } from '../../src/shared/interfaces/http/request-id.js';
import { SECURITY_HEADERS, setSecurityHeaders } from '../../src/shared/interfaces/http/security-headers.js';

describe("headers written straight into Fastify's header object", () => {
  it('finds the object on a real reply, and what is stored there is what the response carries', async () => {
    const app = Fastify();
    let found: unknown;
    app.get('/', (_request, reply) => {
      // If a Fastify upgrade moved it, the headers would still be set (through reply.header()), but
      // every response would pay for the slow way: this is where that shows.
      found = headersOf(reply);
      setSecurityHeaders(reply);
      setRequestIdHeader(reply, 'req-1');
      void reply.header('x-after', 'kept').send({ ok: true });
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/' });
      expect(found).toBeTypeOf('object');
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers[name]).toBe(value);
      expect(response.headers['x-request-id']).toBe('req-1');
      expect(response.headers['x-after']).toBe('kept');
      expect(response.json()).toEqual({ ok: true });
    } finally {
      await app.close();
    }
  });
});
