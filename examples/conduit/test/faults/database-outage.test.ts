import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, hostPort, migrateRunDatabase, redisPrefix, REDIS_URL, uniqueName } from './support/resources.js';
import { call, isErrorBody, ServiceProcess, waitFor } from './support/service-process.js';
import { TcpProxy } from './support/tcp-proxy.js';

/** Readiness must turn within a load balancer's probe budget; the check itself times out at 1 s. */
const READINESS_BUDGET_MS = 2000;

describe('PostgreSQL cut between the service and the database', () => {
  let proxy: TcpProxy;
  let service: ServiceProcess;

  beforeAll(async () => {
    await migrateRunDatabase();
    proxy = await TcpProxy.start(hostPort(DATABASE_URL));
    service = await ServiceProcess.start({
      DATABASE_URL: proxy.rewrite(DATABASE_URL),
      REDIS_URL,
      REDIS_KEY_PREFIX: redisPrefix(),
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
  });

  it('turns readiness 503 within 2 s, fails requests fast with 503 in the error format, and recovers without a restart', async () => {
    const name = uniqueName('dbcut');
    const registered = await call(service.url, 'POST', '/api/users', { body: { user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } } });
    expect(registered.status).toBe(201);
    const token = registered.body.user.token as string;
    expect((await call(service.url, 'GET', '/health/ready')).status).toBe(200);

    proxy.cut();
    const cutAt = Date.now();
    const unready = await waitFor(
      async () => {
        const ready = await call(service.url, 'GET', '/health/ready', { timeoutMs: 3000 });
        return ready.status === 503 ? ready : undefined;
      },
      10_000,
      'readiness to fail',
    );
    const readinessMs = Date.now() - cutAt;
    expect(unready.body).toEqual({ status: 'unavailable', checks: { database: 'failing', cache: 'ok' } });
    expect(readinessMs).toBeLessThan(READINESS_BUDGET_MS);

    // Every route that needs the database answers 503 in the RealWorld error format, and promptly:
    // the pool's connect timeout bounds the wait, nothing hangs.
    const during = await Promise.all([
      call(service.url, 'POST', '/api/users/login', { body: { user: { email: `${name}@example.test`, password: 'correct-horse' } } }),
      call(service.url, 'GET', '/api/user', { token }),
      call(service.url, 'POST', '/api/articles', { token, body: { article: { title: 'During the outage', description: 'd', body: 'b' } } }),
      call(service.url, 'GET', `/api/profiles/${name}`),
      call(service.url, 'POST', '/api/users', { body: { user: { username: `${name}x`, email: `${name}x@example.test`, password: 'correct-horse' } } }),
    ]);
    for (const response of during) {
      expect(response.status).toBe(503);
      expect(isErrorBody(response.body)).toBe(true);
    }
    const slowestMs = Math.max(...during.map((response) => response.ms));

    proxy.restore();
    const restoredAt = Date.now();
    await waitFor(async () => ((await call(service.url, 'GET', '/health/ready')).status === 200 ? true : undefined), 15_000, 'readiness to recover');
    const recoveryMs = Date.now() - restoredAt;
    const after = await call(service.url, 'POST', '/api/articles', { token, body: { article: { title: 'After the outage', description: 'd', body: 'b' } } });
    expect(after.status).toBe(201);
    // Mapped failures are warnings with SQLSTATE or connection facts; nothing reached the error level.
    expect(service.errors()).toEqual([]);
    expect(service.stray).toEqual([]);

    process.stdout.write(
      `[faults] database cut: readiness 503 after ${readinessMs} ms; ${during.length} requests during the cut all 503 (slowest ${slowestMs} ms); ` +
        `ready again ${recoveryMs} ms after restore, no restart; faults injected ${proxy.faults}\n`,
    );
  });

  it('answers 503 within the client timeouts when the network drops packets instead of resetting', async () => {
    const name = uniqueName('dbhole');
    const registered = await call(service.url, 'POST', '/api/users', { body: { user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } } });
    expect(registered.status).toBe(201);
    proxy.blackhole();
    const startedAt = Date.now();
    await waitFor(
      async () => ((await call(service.url, 'GET', '/health/ready', { timeoutMs: 3000 })).status === 503 ? true : undefined),
      10_000,
      'readiness to fail',
    );
    const readinessMs = Date.now() - startedAt;
    expect(readinessMs).toBeLessThan(READINESS_BUDGET_MS);
    // Bounded by DATABASE_STATEMENT_TIMEOUT_MS + 1 s on open connections, by the connect timeout on new ones.
    const stuck = await call(service.url, 'GET', '/api/user', { token: registered.body.user.token, timeoutMs: 15_000 });
    expect(stuck.status).toBe(503);
    expect(isErrorBody(stuck.body)).toBe(true);
    proxy.restore();
    await waitFor(async () => ((await call(service.url, 'GET', '/api/user', { token: registered.body.user.token })).status === 200 ? true : undefined), 15_000, 'recovery');
    expect(service.errors()).toEqual([]);
    process.stdout.write(
      `[faults] database partition (packets dropped): readiness 503 after ${readinessMs} ms; a request on a stuck connection answered 503 after ${stuck.ms} ms; recovered without restart; faults injected ${proxy.faults}\n`,
    );
  });
});
