import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/bootstrap/service.js';
import { ApiClient } from '../support/http-client.js';
import { unique } from '../support/test-config.js';
import { startTestService } from '../support/test-service.js';

type Listed = { slug: string; description: string; favorited: boolean; favoritesCount: number; author: { username: string; following: boolean } };

/**
 * The read cache must never cost correctness. Each test reads first (so a cached entry exists and
 * could be stale), then writes, then reads again at once: the write must be on that very next read,
 * and per-viewer fields must be each viewer's own although every viewer shares the cached page.
 */
describe('read cache over HTTP: writes on the next read, per-viewer fields exact', () => {
  let service: Service;
  let api: ApiClient;

  beforeAll(async () => {
    service = await startTestService();
    api = new ApiClient(service.app);
  });
  afterAll(() => service?.stop());

  const listByTag = async (tag: string, token?: string) =>
    (await api.request<{ articles: Listed[]; articlesCount: number }>('GET', `/api/articles?tag=${tag}`, token ? { token } : {})).body;

  it('shows publish, edit and delete on the next read of every cached view', async () => {
    const author = await api.register('cache-author');
    const tag = unique('fresh');
    // Warm every cached read this write will touch.
    expect((await listByTag(tag)).articlesCount).toBe(0);
    expect((await listByTag(tag, author.token)).articlesCount).toBe(0);
    expect((await api.request('GET', `/api/articles?author=${author.username}`)).body.articlesCount).toBe(0);
    expect((await api.request('GET', '/api/tags')).body.tags).not.toContain(tag);

    const article = await api.publish(author.token, { tagList: [tag], description: 'first words' });
    expect((await listByTag(tag)).articles.map((listed) => listed.slug)).toEqual([article.slug]);
    expect((await listByTag(tag, author.token)).articlesCount).toBe(1);
    expect((await api.request('GET', `/api/articles?author=${author.username}`)).body.articlesCount).toBe(1);
    expect((await api.request('GET', '/api/tags')).body.tags).toContain(tag);
    expect((await api.request('GET', `/api/articles/${article.slug}`)).body.article.body).toBe('The body.');

    const edited = await api.request('PUT', `/api/articles/${article.slug}`, {
      token: author.token,
      body: { article: { description: 'second words', body: 'A new body.' } },
    });
    expect(edited.status).toBe(200);
    expect((await listByTag(tag)).articles[0]?.description).toBe('second words');
    expect((await api.request('GET', `/api/articles/${article.slug}`)).body.article).toMatchObject({ description: 'second words', body: 'A new body.' });

    expect((await api.request('DELETE', `/api/articles/${article.slug}`, { token: author.token })).status).toBe(204);
    expect((await listByTag(tag)).articlesCount).toBe(0);
    expect((await api.request('GET', `/api/articles/${article.slug}`)).status).toBe(404);
    expect((await api.request('GET', `/api/articles/${article.slug}/comments`)).status).toBe(404);
  });

  it('gives each viewer their own favorited and following on one shared page, and moves them on their next read', async () => {
    const author = await api.register('shared-author');
    const fan = await api.register('fan');
    const follower = await api.register('follower');
    const tag = unique('shared');
    const older = await api.publish(author.token, { tagList: [tag] });
    const newer = await api.publish(author.token, { tagList: [tag] });
    const flags = (page: { articles: Listed[] }) =>
      page.articles.map((listed) => [listed.slug, listed.favorited, listed.author.following, listed.favoritesCount]);

    // Warm the shared page and every viewer's sets.
    for (const token of [undefined, author.token, fan.token, follower.token]) expect((await listByTag(tag, token)).articlesCount).toBe(2);
    expect((await api.request('GET', '/api/articles/feed', { token: follower.token })).body.articlesCount).toBe(0);

    const favorited = await api.request('POST', `/api/articles/${older.slug}/favorite`, { token: fan.token });
    const followed = await api.request('POST', `/api/profiles/${author.username}/follow`, { token: follower.token });
    expect(followed.body.profile.following).toBe(true);

    expect(flags(await listByTag(tag))).toEqual([[newer.slug, false, false, 0], [older.slug, false, false, 1]]);
    expect(flags(await listByTag(tag, fan.token))).toEqual([[newer.slug, false, false, 0], [older.slug, true, false, 1]]);
    expect(flags(await listByTag(tag, follower.token))).toEqual([[newer.slug, false, true, 0], [older.slug, false, true, 1]]);
    expect(flags(await listByTag(tag, author.token))).toEqual([[newer.slug, false, false, 0], [older.slug, false, false, 1]]);
    const feed = await api.request('GET', '/api/articles/feed', { token: follower.token });
    expect(feed.body.articles.map((listed: Listed) => [listed.slug, listed.author.following])).toEqual([[newer.slug, true], [older.slug, true]]);

    // The cached single article, rendered per viewer, equals what the write itself answered with.
    expect((await api.request('GET', `/api/articles/${older.slug}`, { token: fan.token })).body).toEqual(favorited.body);
    expect((await api.request('GET', `/api/articles/${older.slug}`, { token: follower.token })).body.article).toMatchObject({ favorited: false, author: { following: true } });
    expect((await api.request('GET', `/api/articles/${older.slug}`)).body.article).toMatchObject({ favorited: false, favoritesCount: 1, author: { following: false } });

    await api.request('DELETE', `/api/articles/${older.slug}/favorite`, { token: fan.token });
    await api.request('DELETE', `/api/profiles/${author.username}/follow`, { token: follower.token });
    expect(flags(await listByTag(tag, fan.token))).toEqual([[newer.slug, false, false, 0], [older.slug, false, false, 0]]);
    expect(flags(await listByTag(tag, follower.token))).toEqual([[newer.slug, false, false, 0], [older.slug, false, false, 0]]);
    expect((await api.request('GET', '/api/articles/feed', { token: follower.token })).body.articlesCount).toBe(0);
  });

  it('renders cached lists as the same JSON a serialiser would, with an API\'s security headers', async () => {
    const author = await api.register('render');
    const tag = unique('render');
    const article = await api.publish(author.token, { tagList: [tag], title: 'Quotes " and \\ backslashes \u2603', description: 'line\nbreak' });
    const response = await service.app.inject({ method: 'GET', url: `/api/articles?tag=${tag}`, headers: { authorization: `Token ${author.token}` } });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    const { body: _body, ...summary } = article;
    expect(JSON.parse(response.body)).toEqual({ articles: [summary], articlesCount: 1, nextCursor: null });
  });
});
