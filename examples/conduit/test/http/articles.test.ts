import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/bootstrap/service.js';
import { ApiClient } from '../support/http-client.js';
import { unique } from '../support/test-config.js';
import { startTestService } from '../support/test-service.js';

describe('articles, favorites, feed and tags over HTTP (CQRS read model)', () => {
  let service: Service;
  let api: ApiClient;

  beforeAll(async () => {
    service = await startTestService();
    api = new ApiClient(service.app);
  });
  afterAll(() => service?.stop());

  it('creates with 201, sorted tags and a slug; only the author may update or delete', async () => {
    const author = await api.register('author');
    const other = await api.register('other');
    const article = await api.publish(author.token, { title: 'How to train your dragon', tagList: ['training', 'dragons'] });
    expect(article).toMatchObject({ tagList: ['dragons', 'training'], favorited: false, favoritesCount: 0, author: { username: author.username, following: false } });
    expect(article.slug).toMatch(/^how-to-train-your-dragon-[0-9a-f]{8}$/);

    const forbidden = await api.request('PUT', `/api/articles/${article.slug}`, { token: other.token, body: { article: { body: 'mine now' } } });
    expect(forbidden).toEqual({ status: 403, body: { errors: { body: ['only the author can edit this article'] } } });

    const renamed = await api.request('PUT', `/api/articles/${article.slug}`, { token: author.token, body: { article: { title: 'Did you train your dragon?' } } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.article.slug).toMatch(/^did-you-train-your-dragon-/);
    expect((await api.request('GET', `/api/articles/${article.slug}`)).status).toBe(404);

    expect((await api.request('DELETE', `/api/articles/${renamed.body.article.slug}`, { token: other.token })).status).toBe(403);
    expect((await api.request('DELETE', `/api/articles/${renamed.body.article.slug}`, { token: author.token })).status).toBe(204);
    expect((await api.request('GET', `/api/articles/${renamed.body.article.slug}`)).status).toBe(404);
  });

  it('keeps favoritesCount exact under repeated favorite and unfavorite, and serves the change through the cache', async () => {
    const author = await api.register('fav-author');
    const fan = await api.register('fan');
    const article = await api.publish(author.token);
    // Warm the hot-read cache, so the next read proves invalidation rather than a miss.
    expect((await api.request('GET', `/api/articles/${article.slug}`)).body.article.favoritesCount).toBe(0);

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const favorited = await api.request('POST', `/api/articles/${article.slug}/favorite`, { token: fan.token });
      expect(favorited.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
    }
    expect((await api.request('GET', `/api/articles/${article.slug}`)).body.article.favoritesCount).toBe(1);
    expect((await api.request('GET', `/api/articles/${article.slug}`, { token: fan.token })).body.article.favorited).toBe(true);

    const byFan = await api.request('GET', `/api/articles?favorited=${fan.username}`);
    expect(byFan.body.articlesCount).toBe(1);
    expect(byFan.body.articles[0].slug).toBe(article.slug);

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const unfavorited = await api.request('DELETE', `/api/articles/${article.slug}/favorite`, { token: fan.token });
      expect(unfavorited.body.article).toMatchObject({ favorited: false, favoritesCount: 0 });
    }
  });

  it('filters by tag and author, omits bodies from lists and pages by offset or cursor with the same order', async () => {
    const author = await api.register('pager');
    const tag = unique('tag');
    const published = [];
    for (let index = 0; index < 5; index += 1) published.push(await api.publish(author.token, { tagList: [tag] }));
    const newestFirst = published.map((article) => article.slug).reverse();

    const byTag = await api.request('GET', `/api/articles?tag=${tag}&limit=2&offset=2`);
    expect(byTag.body.articlesCount).toBe(5);
    expect(byTag.body.articles.map((article: { slug: string }) => article.slug)).toEqual(newestFirst.slice(2, 4));
    expect(byTag.body.articles[0]).not.toHaveProperty('body');
    expect((await api.request('GET', `/api/articles?author=${author.username}`)).body.articlesCount).toBe(5);

    const walked: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await api.request('GET', `/api/articles?tag=${tag}&limit=2&cursor=${cursor}`);
      walked.push(...page.body.articles.map((article: { slug: string }) => article.slug));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(walked).toEqual(newestFirst);
    expect((await api.request('GET', `/api/articles?cursor=${cursor}&offset=1`)).status).toBe(422);
  });

  it('builds the feed from followed authors only, with following computed per viewer', async () => {
    const reader = await api.register('reader');
    const followed = await api.register('followed');
    const stranger = await api.register('stranger');
    const wanted = await api.publish(followed.token);
    await api.publish(stranger.token);

    expect((await api.request('GET', '/api/articles/feed', { token: reader.token })).body).toEqual({ articles: [], articlesCount: 0, nextCursor: null });
    const follow = await api.request('POST', `/api/profiles/${followed.username}/follow`, { token: reader.token });
    expect(follow.body.profile).toMatchObject({ username: followed.username, following: true });

    const feed = await api.request('GET', '/api/articles/feed', { token: reader.token });
    expect(feed.body.articlesCount).toBe(1);
    expect(feed.body.articles[0]).toMatchObject({ slug: wanted.slug, author: { username: followed.username, following: true } });
    expect((await api.request('GET', `/api/articles/${wanted.slug}`, { token: reader.token })).body.article.author.following).toBe(true);
    expect((await api.request('GET', '/api/articles/feed')).status).toBe(401);

    const unfollow = await api.request('DELETE', `/api/profiles/${followed.username}/follow`, { token: reader.token });
    expect(unfollow.body.profile.following).toBe(false);
    expect((await api.request('GET', '/api/articles/feed', { token: reader.token })).body.articlesCount).toBe(0);
  });

  it('propagates an author profile change to the read model and the cached article', async () => {
    const author = await api.register('renamer');
    const article = await api.publish(author.token);
    expect((await api.request('GET', `/api/articles/${article.slug}`)).body.article.author.bio).toBeNull();
    const newName = unique('renamed');
    await api.request('PUT', '/api/user', { token: author.token, body: { user: { username: newName, bio: 'New bio' } } });
    const fresh = await api.request('GET', `/api/articles/${article.slug}`);
    expect(fresh.body.article.author).toMatchObject({ username: newName, bio: 'New bio' });
    expect((await api.request('GET', `/api/articles?author=${newName}`)).body.articles[0].author.username).toBe(newName);
  });

  it('adds, lists and deletes comments; only the comment author may delete', async () => {
    const author = await api.register('commented');
    const commenter = await api.register('commenter');
    const article = await api.publish(author.token);
    const added = await api.request('POST', `/api/articles/${article.slug}/comments`, { token: commenter.token, body: { comment: { body: 'Thank you so much!' } } });
    expect(added.status).toBe(200);
    expect(added.body.comment).toMatchObject({ body: 'Thank you so much!', author: { username: commenter.username } });
    expect(Number.isInteger(added.body.comment.id)).toBe(true);

    const listed = await api.request('GET', `/api/articles/${article.slug}/comments`);
    expect(listed.body.comments.map((comment: { id: number }) => comment.id)).toEqual([added.body.comment.id]);
    const path = `/api/articles/${article.slug}/comments/${added.body.comment.id}`;
    expect((await api.request('DELETE', path, { token: author.token })).status).toBe(403);
    expect((await api.request('DELETE', path, { token: commenter.token })).status).toBe(204);
    expect((await api.request('DELETE', path, { token: commenter.token })).status).toBe(404);
    expect((await api.request('POST', `/api/articles/${article.slug}/comments`, { token: commenter.token, body: { comment: { body: '  ' } } })).status).toBe(422);
  });

  it('lists tags by use and drops a tag from the cached list when its last article goes', async () => {
    const author = await api.register('tagger');
    const tag = unique('rare');
    const article = await api.publish(author.token, { tagList: [tag] });
    expect((await api.request('GET', '/api/tags')).body.tags).toContain(tag);
    await api.request('DELETE', `/api/articles/${article.slug}`, { token: author.token });
    expect((await api.request('GET', '/api/tags')).body.tags).not.toContain(tag);
  });
});
