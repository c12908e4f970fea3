import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, type Service } from '../../src/bootstrap/service.js';
import { migrate } from '../../src/shared/infrastructure/db/migrator.js';
import { LazyRequestLogger } from '../../src/shared/infrastructure/observability/lazy-request-logger.js';
import { ApiClient } from '../support/http-client.js';
import { keepAliveClient } from '../support/keep-alive.js';
import { startTestService } from '../support/test-service.js';

describe('production concerns', () => {
  let service: Service;
  let api: ApiClient;

  beforeAll(async () => {
    // Tight credential limit for this instance only; the other suites run with limits raised.
    service = await startTestService({ RATE_LIMIT_AUTH_MAX: '3' });
    api = new ApiClient(service.app);
  });
  afterAll(() => service?.stop());

  it('reports liveness and readiness with each dependency checked', async () => {
    expect(await api.request('GET', '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await api.request('GET', '/health/ready')).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'ok', cache: 'ok' } } });
  });

  it('gives requests the per-request logger that is built only when a line is written', async () => {
    const own = await startTestService({ LOG_LEVEL: 'warn' });
    try {
      const loggers: unknown[] = [];
      own.app.addHook('onResponse', (request, _reply, done) => {
        loggers.push(request.log);
        done();
      });
      expect((await own.app.inject({ method: 'GET', url: '/api/tags' })).statusCode).toBe(200);
      expect(loggers).toHaveLength(1);
      expect(loggers[0]).toBeInstanceOf(LazyRequestLogger);
      expect((loggers[0] as LazyRequestLogger).materialised).toBe(false);
    } finally {
      await own.stop();
    }
  });

  it('exposes Prometheus metrics labelled by route template', async () => {
    await api.request('GET', '/api/tags');
    const metrics = await service.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/tags",status="200"\} \d+/);
  });

  it('rate-limits credential routes more strictly, in the RealWorld error shape', async () => {
    const attempt = () => api.request('POST', '/api/users/login', { body: { user: { email: 'nobody@example.test', password: 'whatever-1' } } });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.body.errors.body[0]).toMatch(/^rate limit exceeded/);
    expect((await api.request('GET', '/api/tags')).status).toBe(200);
  });

  it('answers unknown routes and malformed JSON with the error shape and no internals', async () => {
    expect(await api.request('GET', '/api/nothing-here')).toEqual({ status: 404, body: { errors: { body: ['route GET /api/nothing-here not found'] } } });
    const malformed = await service.app.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'application/json' }, payload: '{"article":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors.body).toHaveLength(1);
  });

  it('applies each migration once', async () => {
    expect(await migrate(service.database.migrations, MIGRATIONS_DIR)).toEqual([]);
  });
});

describe('graceful shutdown', () => {
  it('finishes the request in flight, then stops listening', async () => {
    const service = await startTestService();
    const base = await service.listen();
    const api = new ApiClient(service.app);
    const user = await api.register('drain');
    // Begin shutting down the moment the request reaches the server, so it is provably in flight.
    let stopped: Promise<void> | undefined;
    service.app.server.once('request', () => {
      stopped = service.stop();
    });
    const response = await fetch(`${base}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${user.token}` },
      body: JSON.stringify({ article: { title: 'Written during shutdown', description: 'd', body: 'b' } }),
    });
    expect(response.status).toBe(201);
    // Draining began after this request arrived: its answer still tells the client to hang up.
    expect(response.headers.get('connection')).toBe('close');
    expect(((await response.json()) as { article: { title: string } }).article.title).toBe('Written during shutdown');
    expect(stopped).toBeDefined();
    await stopped;
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });

  it('answers a request the HTTP parser rejects (headers over its size limit) in the error format, not Fastify\'s', async () => {
    const service = await startTestService();
    const base = await service.listen();
    try {
      const response = await fetch(`${base}/api/tags`, { headers: { authorization: `Token ${'a'.repeat(20_000)}` } });
      expect(response.status).toBe(431);
      expect(await response.json()).toEqual({ errors: { body: ['request headers are too large'] } });
    } finally {
      await service.stop();
    }
  });

  it('tells keep-alive clients to hang up while draining, on routed answers and on those Fastify gives before routing', async () => {
    // The listener stays open for the pre-close period, as for a load balancer still routing here.
    const service = await startTestService({ SHUTDOWN_PRE_CLOSE_MS: '1500' });
    const base = await service.listen();
    const cases = [
      { path: '/api/tags', status: 200 },
      { path: '/api/nowhere', status: 404 },
      // Answered by answerFrameworkError, outside any route and its hooks.
      { path: '/api/articles/%ZZ', status: 400 },
      { path: `/api/articles/${'z'.repeat(10_000)}`, status: 414 },
    ];
    const before = keepAliveClient(base);
    let stopped: Promise<void> | undefined;
    try {
      for (const { path, status } of cases) {
        const response = await before.get(path);
        expect(response.status).toBe(status);
        expect(response.headers.connection).toBe('keep-alive');
      }
      stopped = service.stop();
      for (const { path, status } of cases) {
        const client = keepAliveClient(base);
        try {
          const response = await client.get(path);
          expect(response.status).toBe(status);
          expect(response.headers.connection).toBe('close');
          expect(response.headers['x-request-id']).toBeDefined();
          // And the server did hang up: the client's next request needs a new connection.
          const next = await client.get('/health/live');
          expect(next.reused).toBe(false);
        } finally {
          client.close();
        }
      }
    } finally {
      before.close();
      await (stopped ?? service.stop());
    }
  });
});
