import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { keepAliveClient } from '../support/keep-alive.js';
import { BatchedRedisRateLimitStore } from '../../src/shared/infrastructure/cache/batched-rate-limit-store.js';
import { LocalRateLimitStore } from '../../src/shared/infrastructure/cache/local-rate-limit-store.js';
import { registerErrorHandling } from '../../src/shared/interfaces/http/error-handler.js';
import { registerRequestRateLimit } from '../../src/shared/interfaces/http/request-rate-limit.js';

type Store = Pick<FastifyRateLimitStore, 'incr'>;

describe('the per-client request limit', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  /** An app with the limit, a route that records what ran before it, and routes that opt out. */
  function appWith(store: Store, max = 2) {
    const app = Fastify();
    apps.push(app);
    const order: string[] = [];
    // Queued before the limiter runs: a limiter that waits on a promise lets it run before the handler.
    app.addHook('onRequest', (_request, _reply, done) => {
      queueMicrotask(() => order.push('microtask'));
      done();
    });
    registerRequestRateLimit(app, { max, timeWindowMs: 60_000, store });
    registerErrorHandling(app);
    app.get('/read', (_request, reply) => {
      order.push('handler');
      void reply.send({ ok: true });
    });
    app.get('/health', { config: { rateLimit: false } }, async () => ({ ok: true }));
    app.get('/own-limit', { config: { rateLimit: { max: 1, timeWindow: 1000 } } }, async () => ({ ok: true }));
    return { app, order };
  }

  it('sends the limit headers, then a 429 in the RealWorld shape with retry-after', async () => {
    const { app } = appWith(new LocalRateLimitStore());
    const first = await app.inject({ method: 'GET', url: '/read' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBe('2');
    expect(first.headers['x-ratelimit-remaining']).toBe('1');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/read' })).headers['x-ratelimit-remaining']).toBe('0');
    const limited = await app.inject({ method: 'GET', url: '/read' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe(limited.headers['x-ratelimit-reset']);
    expect(limited.json()).toEqual({ errors: { body: [expect.stringMatching(/^rate limit exceeded, retry in \d+ s$/)] } });
  });

  it('leaves routes with a limit setting of their own (none, or the credential routes) uncounted', async () => {
    const counted: string[] = [];
    const { app } = appWith({ incr: (key, callback) => (counted.push(key), callback(null, { current: 1, ttl: 1000 })) });
    for (const url of ['/health', '/own-limit', '/health']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['x-ratelimit-limit']).toBeUndefined();
    }
    expect(counted).toEqual([]);
    await app.inject({ method: 'GET', url: '/read', remoteAddress: '::ffff:10.1.2.3' });
    // Keyed as the plugin keys clients: IPv4-mapped addresses as IPv4.
    expect(counted).toEqual(['10.1.2.3']);
  });

  it('continues in the same tick when the store counts in memory, locally or batched for Redis', async () => {
    // The batched store never reaches Redis here: it counts locally and would sync after a minute.
    const batched = new BatchedRedisRateLimitStore({} as Redis, 'rate-limit:', 60_000);
    for (const store of [new LocalRateLimitStore(), batched]) {
      const { app, order } = appWith(store, 100);
      expect((await app.inject({ method: 'GET', url: '/read' })).statusCode).toBe(200);
      expect(order).toEqual(['handler', 'microtask']);
    }
  });

  it('waits for a store that answers later, and lets requests through when the store fails', async () => {
    const later: Store = { incr: (_key, callback) => setTimeout(() => callback(null, { current: 1, ttl: 5000 }), 5) };
    const { app, order } = appWith(later);
    const response = await app.inject({ method: 'GET', url: '/read' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-ratelimit-remaining']).toBe('1');
    expect(order).toEqual(['microtask', 'handler']);

    const failing = appWith({ incr: (_key, callback) => callback(new Error('redis is down')) });
    const passed = await failing.app.inject({ method: 'GET', url: '/read' });
    expect(passed.statusCode).toBe(200);
    expect(passed.headers['x-ratelimit-limit']).toBeUndefined();
  });
});

describe('the client key on a keep-alive connection', () => {
  it('follows the client address of each request, behind a trusted proxy too', async () => {
    for (const trustProxy of [false, true]) {
      const counted: string[] = [];
      const app = Fastify({ trustProxy });
      registerRequestRateLimit(app, {
        max: 100,
        timeWindowMs: 60_000,
        store: { incr: (key, callback) => (counted.push(key), callback(null, { current: 1, ttl: 1000 })) },
        // As buildHttpApp sets it: without a trusted proxy, the address is the connection's.
        addressIsConnections: !trustProxy,
      });
      app.get('/read', async () => ({ ok: true }));
      const client = keepAliveClient(await app.listen({ host: '127.0.0.1', port: 0 }));
      try {
        for (const forwarded of ['10.0.0.1', '10.0.0.2', '2001:db8::1', '10.0.0.1']) {
          const response = await client.get('/read', { 'x-forwarded-for': forwarded });
          expect(response.headers['x-ratelimit-limit']).toBe('100');
        }
      } finally {
        client.close();
        await app.close();
      }
      // Without a trusted proxy the connection's own address counts; behind one, each request's.
      expect(counted).toEqual(trustProxy ? ['10.0.0.1', '10.0.0.2', '2001:db8::', '10.0.0.1'] : ['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
    }
  });
});

describe('counting in memory', () => {
  it('counts per key in fixed windows and starts a new window when one ends', () => {
    let now = 1_000;
    const store = new LocalRateLimitStore(() => now);
    const results: { current: number; ttl: number }[] = [];
    const record = (error: Error | null, result?: { current: number; ttl: number }) => {
      expect(error).toBeNull();
      if (result) results.push(result);
    };
    store.incr('a', record, 100, 5);
    now += 40;
    store.incr('a', record, 100, 5);
    store.incr('b', record, 100, 5);
    now += 60;
    store.incr('a', record, 100, 5);
    expect(results).toEqual([
      { current: 1, ttl: 100 },
      { current: 2, ttl: 60 },
      { current: 1, ttl: 100 },
      { current: 1, ttl: 100 },
    ]);
  });
});
