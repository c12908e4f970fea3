import { describe, expect, it } from 'vitest';
import { PlainPasswordHasher } from '../support/fakes.js';
import { startTestApp } from '../support/test-app.js';

describe('operability', () => {
  it('reports liveness, readiness of database and cache, metrics and request ids', async () => {
    const api = await startTestApp();
    try {
      expect((await api.request('GET', '/health/live')).status).toBe(200);
      const ready = await api.request('GET', '/health/ready');
      expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok', cache: 'ok' } });

      const traced = await api.request('GET', '/health/live', { headers: { 'x-request-id': 'trace-abc.1' } });
      expect(traced.headers.get('x-request-id')).toBe('trace-abc.1');
      const generated = await api.request('GET', '/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      const metrics = await api.request('GET', '/metrics');
      expect(metrics.body).toContain('http_request_duration_seconds_count{method="GET",route="/health/live",status="200"}');
      expect((await api.request('GET', '/nope')).body.error.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await api.close();
    }
  });

  it('reports not ready when a dependency fails', async () => {
    const api = await startTestApp();
    try {
      api.app.container.healthChecks.database = async () => {
        throw new Error('connection refused');
      };
      const ready = await api.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database).toBe('failing');
    } finally {
      await api.close();
    }
  });

  it('stays ready while only the cache fails: a cache outage degrades, it does not stop routing', async () => {
    const api = await startTestApp();
    try {
      api.app.container.degradableChecks.cache = async () => {
        throw new Error('redis unreachable');
      };
      const ready = await api.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toEqual({ database: 'ok', cache: 'degraded' });
    } finally {
      await api.close();
    }
  });

  it('after SIGTERM, answers 503 on readiness but keeps serving new connections for the pre-close period', async () => {
    const api = await startTestApp();
    const stopping = api.app.shutdown('SIGTERM', { preCloseMs: 400 });
    // Fresh connections (no keep-alive) in the window: a load balancer still routing to us.
    const inWindow = { headers: { connection: 'close' } };
    expect((await api.request('GET', '/health/ready', inWindow)).status).toBe(503);
    expect((await api.request('GET', '/health/live', inWindow)).status).toBe(200);
    expect((await api.request('GET', '/users/me', inWindow)).status).toBe(401);
    await stopping;
    await expect(fetch(new URL('/health/live', api.app.url))).rejects.toThrow();
    await api.close();
  });

  it('lets in-flight requests finish on shutdown and refuses new connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const plain = new PlainPasswordHasher();
    // A hasher that blocks until released holds a registration request open across the shutdown.
    const api = await startTestApp({}, {
      passwordHasher: {
        hash: async (password) => {
          started();
          await gate;
          return plain.hash(password);
        },
        verify: (password, hash) => plain.verify(password, hash),
      },
    });

    const pending = api.request('POST', '/auth/register', { body: { email: `drain-${Date.now()}@example.test`, password: 'correct horse battery' } });
    await inFlight;
    const stopping = api.app.shutdown('test');
    await expect(fetch(new URL('/health/live', api.app.url))).rejects.toThrow();
    release();

    expect((await pending).status).toBe(201);
    await stopping;
    // Idempotent after the shutdown above; also removes this app's Redis keys.
    await api.close();
  });
});
