import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, migrateRunDatabase, query, redisPrefix, REDIS_URL, uniqueName } from './support/resources.js';
import { call, ServiceProcess, waitFor } from './support/service-process.js';

describe('a crash between a commit and its after-commit work', () => {
  const started: ServiceProcess[] = [];
  const start = async () => {
    const service = await ServiceProcess.start({ DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX: redisPrefix(), OUTBOX_RELAY_INTERVAL_MS: '200' });
    started.push(service);
    return service;
  };

  beforeAll(() => migrateRunDatabase());
  afterAll(async () => {
    for (const service of started) await service.stop();
  });

  it('loses no event: the outbox written with the data is relayed by the next process', async () => {
    const tag = uniqueName('crash');
    const first = await start();
    const name = uniqueName('writer');
    const registered = await call(first.url, 'POST', '/api/users', { body: { user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } } });
    const token = registered.body.user.token as string;

    // A burst of publishes, killed without warning while it is in full flow.
    const burst = Array.from({ length: 40 }, (_, index) =>
      call(first.url, 'POST', '/api/articles', { token, body: { article: { title: `Crash ${index}`, description: 'd', body: 'b', tagList: [tag] } } }).catch(
        () => undefined,
      ),
    );
    const committedSoFar = async () => Number((await query<{ n: string }>('SELECT count(*) AS n FROM articles WHERE $1 = ANY(tag_list)', [tag]))[0]!.n);
    await waitFor(async () => ((await committedSoFar()) >= 10 ? true : undefined), 20_000, 'a third of the burst to commit');
    first.signal('SIGKILL');
    await first.exited;
    await Promise.all(burst);

    const [committed] = await query<{ n: string }>('SELECT count(*) AS n FROM articles WHERE $1 = ANY(tag_list)', [tag]);
    const [pending] = await query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE payload->'tagList' ? $1", [tag]);
    const [counted] = await query<{ n: number }>('SELECT articles_count AS n FROM tag_counts WHERE tag = $1', [tag]);
    const committedCount = Number(committed!.n);
    const pendingCount = Number(pending!.n);
    expect(committedCount).toBeGreaterThan(0);
    // Whatever the crash interrupted is accounted for: counted already, or waiting in the outbox.
    expect((counted?.n ?? 0) + pendingCount).toBe(committedCount);

    await start();
    await waitFor(async () => ((await query<{ n: string }>('SELECT count(*) AS n FROM outbox'))[0]!.n === '0' ? true : undefined), 20_000, 'the outbox to drain');
    const [final] = await query<{ n: number }>('SELECT articles_count AS n FROM tag_counts WHERE tag = $1', [tag]);
    expect(final?.n).toBe(committedCount);
    process.stdout.write(
      `[faults] SIGKILL during 40 concurrent publishes: ${committedCount} committed, ${pendingCount} events still in the outbox at the crash, ` +
        `all relayed by the next process; tag count ${final?.n} = committed, 0 lost\n`,
    );
  });
});
