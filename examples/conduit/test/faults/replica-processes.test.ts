import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, migrateRunDatabase, redisPrefix, REDIS_URL, uniqueName } from './support/resources.js';
import { call, ServiceProcess } from './support/service-process.js';

type Listed = { slug: string; favorited: boolean; favoritesCount: number; author: { following: boolean } };

/**
 * Two Conduit processes (src/main.ts, as `npm start` runs it) on one PostgreSQL database and one
 * Redis key prefix, as two replicas behind a load balancer: each holds its own read cache, and a
 * write through one must be on the next read through the other, for every viewer. The in-process
 * variant with frozen clocks (test/http/replicas.test.ts) proves the change came by invalidation;
 * this one proves it across real process boundaries.
 */
describe('read caches of two Conduit processes sharing Redis', () => {
  let a: ServiceProcess;
  let b: ServiceProcess;

  beforeAll(async () => {
    await migrateRunDatabase();
    const shared = { DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX: redisPrefix(), JWT_SECRET: randomBytes(32).toString('base64url') };
    [a, b] = await Promise.all([ServiceProcess.start(shared), ServiceProcess.start(shared)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const register = async (prefix: string) => {
    const username = uniqueName(prefix);
    const response = await call(a.url, 'POST', '/api/users', { body: { user: { username, email: `${username}@example.test`, password: 'correct-horse' } } });
    expect(response.status).toBe(201);
    return response.body.user as { username: string; token: string };
  };

  it('shows each write made through one process on the next read through the other', async () => {
    const author = await register('author');
    const reader = await register('reader');
    const tag = uniqueName('replicated');
    const listOnB = async (token?: string) => (await call(b.url, 'GET', `/api/articles?tag=${tag}`, token ? { token } : {})).body as { articles: Listed[]; articlesCount: number };

    expect((await listOnB()).articlesCount).toBe(0);
    expect((await listOnB(reader.token)).articlesCount).toBe(0);
    expect((await call(b.url, 'GET', '/api/articles/feed', { token: reader.token })).body.articlesCount).toBe(0);

    const published = await call(a.url, 'POST', '/api/articles', { token: author.token, body: { article: { title: uniqueName('Replicated '), description: 'd', body: 'b', tagList: [tag] } } });
    expect(published.status).toBe(201);
    const slug = published.body.article.slug as string;
    expect((await listOnB(author.token)).articles.map((listed) => listed.slug)).toEqual([slug]);
    expect((await listOnB()).articlesCount).toBe(1);

    await call(a.url, 'POST', `/api/profiles/${author.username}/follow`, { token: reader.token });
    await call(a.url, 'POST', `/api/articles/${slug}/favorite`, { token: reader.token });
    expect((await listOnB(reader.token)).articles[0]).toMatchObject({ favorited: true, favoritesCount: 1, author: { following: true } });
    expect((await call(b.url, 'GET', '/api/articles/feed', { token: reader.token })).body.articles.map((listed: Listed) => listed.slug)).toEqual([slug]);
    expect((await listOnB()).articles[0]).toMatchObject({ favorited: false, favoritesCount: 1, author: { following: false } });

    expect((await call(a.url, 'DELETE', `/api/articles/${slug}`, { token: author.token })).status).toBe(204);
    expect((await listOnB(reader.token)).articlesCount).toBe(0);
    expect((await call(b.url, 'GET', `/api/articles/${slug}`)).status).toBe(404);
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });
});
