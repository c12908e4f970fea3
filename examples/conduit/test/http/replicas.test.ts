import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/bootstrap/service.js';
import { BatchedRedisRateLimitStore } from '../../src/shared/infrastructure/cache/batched-rate-limit-store.js';
import { FixedClock } from '../support/fakes.js';
import { servicesConfigured } from '../support/services.js';
import { unique } from '../support/test-config.js';
import { startTestService } from '../support/test-service.js';

type Listed = { slug: string; favorited: boolean; favoritesCount: number; author: { following: boolean } };

/** A client over a real socket, as a load balancer would spread one user's requests over replicas. */
function client(base: string) {
  return async <T = any>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Token ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

/**
 * Two Conduit processes' worth of services sharing PostgreSQL and Redis, as two replicas behind a
 * load balancer: a write on one must be on the next read from the other. Their clocks are frozen,
 * so no cached entry ever reaches its maximum age here: every change replica B shows can only have
 * come through the Redis invalidation replica A published.
 */
describe.runIf(servicesConfigured('read caches of two replicas sharing Redis', { REDIS_URL: process.env.REDIS_URL }))('read caches of two replicas sharing Redis', () => {
  let a: Service;
  let b: Service;
  let onA: ReturnType<typeof client>;
  let onB: ReturnType<typeof client>;

  beforeAll(async () => {
    const shared = {
      JWT_SECRET: randomBytes(32).toString('base64url'),
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'conduit-test:'}${unique('replicas')}:`,
    };
    const now = new Date();
    a = await startTestService(shared, { clock: new FixedClock(now) });
    b = await startTestService(shared, { clock: new FixedClock(now) });
    onA = client(await a.listen());
    onB = client(await b.listen());
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const register = async (prefix: string) => {
    const username = unique(prefix);
    const response = await onA('POST', '/api/users', undefined, { user: { username, email: `${username}@example.test`, password: 'correct-horse' } });
    expect(response.status).toBe(201);
    return response.body.user as { username: string; token: string };
  };

  it('shows a write made on one replica on the next read from the other, per viewer', async () => {
    const author = await register('replica-author');
    const reader = await register('replica-reader');
    const tag = unique('replicated');
    const listOnB = async (token?: string) => (await onB<{ articles: Listed[]; articlesCount: number }>('GET', `/api/articles?tag=${tag}`, token)).body;

    // Replica B caches the empty page, the reader's sets and the reader's empty feed.
    expect((await listOnB()).articlesCount).toBe(0);
    expect((await listOnB(reader.token)).articlesCount).toBe(0);
    expect((await onB('GET', '/api/articles/feed', reader.token)).body.articlesCount).toBe(0);

    const published = await onA('POST', '/api/articles', author.token, { article: { title: unique('Replicated '), description: 'd', body: 'b', tagList: [tag] } });
    expect(published.status).toBe(201);
    const slug = published.body.article.slug as string;
    expect((await listOnB(author.token)).articles.map((listed) => listed.slug)).toEqual([slug]);
    expect((await listOnB()).articlesCount).toBe(1);
    expect((await onB('GET', `/api/articles/${slug}`)).body.article.favoritesCount).toBe(0);

    await onA('POST', `/api/profiles/${author.username}/follow`, reader.token);
    await onA('POST', `/api/articles/${slug}/favorite`, reader.token);
    expect((await listOnB(reader.token)).articles[0]).toMatchObject({ favorited: true, favoritesCount: 1, author: { following: true } });
    expect((await onB('GET', '/api/articles/feed', reader.token)).body.articles.map((listed: Listed) => listed.slug)).toEqual([slug]);
    expect((await onB('GET', `/api/articles/${slug}`, reader.token)).body.article).toMatchObject({ favorited: true, author: { following: true } });
    expect((await listOnB()).articles[0]).toMatchObject({ favorited: false, favoritesCount: 1, author: { following: false } });

    expect((await onA('DELETE', `/api/articles/${slug}`, author.token)).status).toBe(204);
    expect((await listOnB(reader.token)).articlesCount).toBe(0);
    expect((await onB('GET', `/api/articles/${slug}`)).status).toBe(404);
  });
});

/** The rate limiter's counters, shared by two replicas through Redis without a round trip per request. */
describe.runIf(servicesConfigured('rate-limit counters of two replicas sharing Redis', { REDIS_URL: process.env.REDIS_URL }))('rate-limit counters of two replicas sharing Redis', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL as string, { keyPrefix: `${process.env.REDIS_KEY_PREFIX ?? 'conduit-test:'}${unique('limits')}:` });
  });
  afterAll(() => redis?.quit());

  const hit = (store: BatchedRedisRateLimitStore, key: string) =>
    new Promise<number>((resolve, reject) => store.incr(key, (error, result) => (error || !result ? reject(error) : resolve(result.current)), 60_000, 3));

  it('counts a replica\'s own hits at once and the others\' from its next sync', async () => {
    const a = new BatchedRedisRateLimitStore(redis, 'rate-limit:', 60_000);
    const b = new BatchedRedisRateLimitStore(redis, 'rate-limit:', 60_000);
    expect([await hit(a, 'client'), await hit(a, 'client'), await hit(a, 'client')]).toEqual([1, 2, 3]);
    await a.flush();
    expect(await hit(b, 'client')).toBe(1); // b has not synced yet
    await b.flush();
    expect(await hit(b, 'client')).toBe(5);
    expect(await hit(a, 'client')).toBe(4); // a had nothing to add since, so it has not heard of b's hit yet
    await a.flush();
    expect(await hit(a, 'client')).toBe(6); // Redis had a's 4 and b's first; b's second is still pending in b
    expect(await hit(a, 'someone else')).toBe(1);
  });

  it('counts route limits (the credential routes) in Redis on every hit, exactly', async () => {
    const a = new BatchedRedisRateLimitStore(redis, 'rate-limit:', 60_000).child({ routeInfo: { method: 'POST', url: '/login' } } as never);
    const b = new BatchedRedisRateLimitStore(redis, 'rate-limit:', 60_000).child({ routeInfo: { method: 'POST', url: '/login' } } as never);
    expect([await hit(a, 'client'), await hit(b, 'client'), await hit(a, 'client')]).toEqual([1, 2, 3]);
  });
});
