import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, hostPort, migrateRunDatabase, query, redisPrefix, REDIS_URL, uniqueName } from './support/resources.js';
import { call, isErrorBody, ServiceProcess, waitFor } from './support/service-process.js';
import { TcpProxy } from './support/tcp-proxy.js';

const SHUTDOWN_TIMEOUT_MS = 5000;

async function tagCount(tag: string): Promise<number> {
  const [row] = await query<{ articles_count: number }>('SELECT articles_count FROM tag_counts WHERE tag = $1', [tag]);
  return row?.articles_count ?? 0;
}

async function outboxSize(): Promise<number> {
  const [row] = await query<{ count: string }>('SELECT count(*) FROM outbox');
  return Number(row?.count ?? 0);
}

describe('Redis unreachable', () => {
  let proxy: TcpProxy;
  let service: ServiceProcess;
  let token: string;

  beforeAll(async () => {
    await migrateRunDatabase();
    proxy = await TcpProxy.start(hostPort(REDIS_URL));
    service = await ServiceProcess.start({
      DATABASE_URL,
      REDIS_URL: proxy.rewrite(REDIS_URL),
      REDIS_KEY_PREFIX: redisPrefix(),
      REDIS_COMMAND_TIMEOUT_MS: '500',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      SHUTDOWN_PRE_CLOSE_MS: '0',
    });
    const name = uniqueName('redis');
    const registered = await call(service.url, 'POST', '/api/users', { body: { user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } } });
    token = registered.body.user.token;
  });
  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
  });

  for (const fault of ['cut', 'blackhole'] as const) {
    it(`${fault}: stays ready, registers and writes without hanging, serves reads from the database, and loses no event`, async () => {
      const tag = uniqueName('tag');
      const first = await call(service.url, 'POST', '/api/articles', { token, body: { article: { title: 'Before', description: 'd', body: 'b', tagList: [tag] } } });
      expect(first.status).toBe(201);

      if (fault === 'cut') proxy.cut();
      else proxy.blackhole();
      // A cache outage degrades the service, it does not take it out of rotation.
      const degraded = await waitFor(
        async () => {
          const ready = await call(service.url, 'GET', '/health/ready');
          return ready.body?.checks?.cache === 'degraded' ? ready : undefined;
        },
        10_000,
        'the cache to be reported degraded',
      );
      expect(degraded.status).toBe(200);

      const name = uniqueName('during');
      // Bounded by the fetch deadline (10 s): before the fix this request never answered.
      const registered = await call(service.url, 'POST', '/api/users', { body: { user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } } });
      expect(registered.status).toBe(201);
      const writes = await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          call(service.url, 'POST', '/api/articles', { token, body: { article: { title: `During ${index}`, description: 'd', body: 'b', tagList: [tag] } } }),
        ),
      );
      expect(writes.map((write) => write.status)).toEqual([201, 201, 201, 201, 201]);
      const listed = await call(service.url, 'GET', `/api/articles?tag=${tag}`);
      expect(listed.status).toBe(200);
      expect(listed.body.articlesCount).toBe(6);
      const single = await call(service.url, 'GET', `/api/articles/${writes[0]!.body.article.slug}`);
      expect(single.status).toBe(200);
      const slowestMs = Math.max(registered.ms, ...writes.map((write) => write.ms));
      // Once the watchdog has noticed a silent Redis, the client stops waiting out timeouts.
      if (fault === 'blackhole') {
        await waitFor(async () => (service.logs.some((line) => line.msg === 'redis stopped answering; reconnecting') ? true : undefined), 10_000, 'the watchdog');
      }
      const later = await call(service.url, 'POST', '/api/articles', { token, body: { article: { title: 'Later', description: 'd', body: 'b', tagList: [tag] } } });
      expect(later.status).toBe(201);

      proxy.restore();
      await waitFor(async () => ((await call(service.url, 'GET', '/health/ready')).body?.status === 'ok' ? true : undefined), 15_000, 'redis to be back');
      // Every event written with its data was delivered: the outbox is empty and the counts are exact.
      await waitFor(async () => ((await outboxSize()) === 0 ? true : undefined), 15_000, 'the outbox to drain');
      expect(await tagCount(tag)).toBe(7);
      expect(service.errors()).toEqual([]);
      expect(service.stderr).not.toMatch(/Unhandled error event/);
      process.stdout.write(
        `[faults] redis ${fault}: readiness stayed 200 (cache degraded); register + 5 writes all succeeded (slowest ${slowestMs} ms, ` +
          `a write later in the outage ${later.ms} ms); 7 events written, 7 delivered, 0 lost; faults injected ${proxy.faults}\n`,
      );
    });
  }

  it('shuts down within SHUTDOWN_TIMEOUT_MS while Redis does not answer', async () => {
    proxy.blackhole();
    const pending = call(service.url, 'GET', '/api/tags').catch((error: unknown) => error);
    const sentAt = service.signal('SIGTERM');
    const exit = await service.exited;
    const tookMs = exit.at - sentAt;
    expect(exit.code).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    // The request in flight either completed (served, or refused in the error format) or saw its connection end.
    const answered = await pending;
    if (answered && typeof answered === 'object' && 'status' in answered) {
      const { status, body } = answered as { status: number; body: unknown };
      expect(status === 200 || isErrorBody(body)).toBe(true);
    }
    expect(service.stderr).not.toMatch(/Unhandled error event/);
    process.stdout.write(`[faults] SIGTERM with Redis unreachable: exited 0 after ${tookMs} ms (timeout ${SHUTDOWN_TIMEOUT_MS} ms)\n`);
  });
});
