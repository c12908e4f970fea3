import autocannon from 'autocannon';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, migrateRunDatabase, redisPrefix, REDIS_URL, uniqueName } from './support/resources.js';
import { call, ServiceProcess } from './support/service-process.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;
/** How often the simulated load balancer probes readiness; the pre-close period must outlast it. */
const PROBE_INTERVAL_MS = 250;

interface Outcome {
  sent: number;
  ok: number;
  failed: number;
  exitCode: number | null;
  exitMs: number;
}

/**
 * Drives the service with autocannon, sends SIGTERM mid-run, and plays the load balancer: it probes
 * readiness and stops sending new requests once the instance reports itself unready (or stops answering).
 */
async function sigtermUnderLoad(preCloseMs: number): Promise<Outcome> {
  const service = await ServiceProcess.start({
    DATABASE_URL,
    REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix(),
    SHUTDOWN_PRE_CLOSE_MS: String(preCloseMs),
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    LOG_LEVEL: 'warn',
  });
  try {
    const name = uniqueName('load');
    const registered = await call(service.url, 'POST', '/api/users', { body: { user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } } });
    const token = registered.body.user.token as string;
    const article = await call(service.url, 'POST', '/api/articles', { token, body: { article: { title: 'Under load', description: 'd', body: 'b' } } });
    let finish: (result: autocannon.Result) => void = () => undefined;
    const finished = new Promise<autocannon.Result>((resolve) => {
      finish = resolve;
    });
    const instance = autocannon(
      {
        url: service.url,
        connections: 20,
        duration: 60,
        requests: [
          { method: 'GET', path: '/api/articles?limit=5' },
          { method: 'GET', path: `/api/articles/${article.body.article.slug}`, headers: { authorization: `Token ${token}` } },
        ],
      },
      (_error, result) => finish(result),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sentAt = service.signal('SIGTERM');
    // The load balancer: one probe per interval; the first answer that is not 200 takes the instance out.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      const ready = await call(service.url, 'GET', '/health/ready', { timeoutMs: PROBE_INTERVAL_MS * 4 }).catch(() => undefined);
      if (ready?.status !== 200) break;
    }
    instance.stop();
    const result = await finished;
    const exit = await service.exited;
    return {
      sent: result.requests.total,
      ok: result['2xx'],
      failed: result.errors + result.timeouts + result.non2xx,
      exitCode: exit.code,
      exitMs: exit.at - sentAt,
    };
  } finally {
    await service.stop();
  }
}

describe('SIGTERM during an autocannon run', () => {
  beforeAll(() => migrateRunDatabase());

  it('drops no request and exits within the shutdown timeout when readiness fails before the listener closes', async () => {
    const preClose = await sigtermUnderLoad(4 * PROBE_INTERVAL_MS);
    expect(preClose.ok).toBeGreaterThan(0);
    expect(preClose.failed).toBe(0);
    expect(preClose.exitCode).toBe(0);
    expect(preClose.exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    // For comparison only (not asserted: it is a race): the same run with the listener closed at once.
    const immediate = await sigtermUnderLoad(0);
    process.stdout.write(
      `[faults] SIGTERM under load with a ${4 * PROBE_INTERVAL_MS} ms pre-close: ${preClose.sent} requests, ${preClose.failed} lost, exit ${preClose.exitCode} after ${preClose.exitMs} ms ` +
        `(timeout ${SHUTDOWN_TIMEOUT_MS} ms); without the pre-close: ${immediate.sent} requests, ${immediate.failed} lost\n`,
    );
  });
});
