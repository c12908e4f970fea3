import { beforeEach, describe, expect, it } from 'vitest';
import { ArticleViews } from '../../src/modules/articles/application/article-views.js';
import type { ArticleProjection } from '../../src/modules/articles/application/ports/article-projection.js';
import { DeleteArticle } from '../../src/modules/articles/application/use-cases/delete-article.js';
import { DeleteComment } from '../../src/modules/articles/application/use-cases/delete-comment.js';
import { ToggleFavorite } from '../../src/modules/articles/application/use-cases/favorite-article.js';
import { Article } from '../../src/modules/articles/domain/entities/article.js';
import { Comment } from '../../src/modules/articles/domain/entities/comment.js';
import { projectArticleViews } from '../../src/modules/articles/application/event-handlers/project-article-views.js';
import { FollowUser } from '../../src/modules/profiles/application/use-cases/follow-user.js';
import { GetProfile } from '../../src/modules/profiles/application/use-cases/get-profile.js';
import { UnfollowUser } from '../../src/modules/profiles/application/use-cases/unfollow-user.js';
import { DomainEventBus } from '../../src/shared/application/events/domain-events.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/shared/domain/domain-error.js';
import { InMemoryArticles, InMemoryComments, InMemoryFavorites, InMemoryProfiles } from '../support/article-fakes.js';
import { FixedClock, InMemoryOutbox, RecordingLogger, RecordingUnitOfWork } from '../support/fakes.js';

/** Records projection calls; the read side it feeds is tested against the real database. */
class RecordingProjection implements ArticleProjection {
  readonly calls: string[] = [];
  async articlePublished(articleId: string) { this.calls.push(`published ${articleId}`); }
  async articleEdited(articleId: string) { this.calls.push(`edited ${articleId}`); }
  async articleDeleted(articleId: string) { this.calls.push(`deleted ${articleId}`); }
  async favoritesChanged(articleId: string, delta: 1 | -1) { this.calls.push(`favorites ${articleId} ${delta}`); }
  async tagsCounted(tags: readonly string[], delta: 1 | -1) { this.calls.push(`tags ${tags.join(',')} ${delta}`); }
  async authorChanged(author: { userId: string }) { this.calls.push(`author ${author.userId}`); }
  async rebuild() { this.calls.push('rebuild'); }
}

describe('article use cases with in-memory ports', () => {
  const clock = new FixedClock();
  let articles: InMemoryArticles;
  let projection: RecordingProjection;
  let bus: DomainEventBus;
  let article: Article;

  beforeEach(async () => {
    articles = new InMemoryArticles();
    projection = new RecordingProjection();
    bus = new DomainEventBus(new RecordingUnitOfWork(), new RecordingLogger(), new InMemoryOutbox());
    projectArticleViews(bus, projection);
    article = Article.publish({ id: 'a1', authorId: 'author', title: 'Dragons', description: 'd', body: 'b', tagList: ['x', 'y'], now: clock.now() });
    await articles.add(article);
  });

  it('moves the favorites count once per actual change, however often the command repeats', async () => {
    const views = { fresh: async () => ({ slug: article.slug }) } as unknown as ArticleViews;
    const toggle = new ToggleFavorite(articles, new InMemoryFavorites(), views, bus, clock);
    await toggle.execute({ userId: 'fan' }, article.slug, true);
    await toggle.execute({ userId: 'fan' }, article.slug, true);
    await toggle.execute({ userId: 'fan' }, article.slug, false);
    await toggle.execute({ userId: 'fan' }, article.slug, false);
    expect(projection.calls).toEqual(['favorites a1 1', 'favorites a1 -1']);
    await expect(toggle.execute({ userId: 'fan' }, 'missing', true)).rejects.toThrow(NotFoundError);
  });

  it('deletes only for the author, then projects the removal and un-counts its tags', async () => {
    const remove = new DeleteArticle(articles, bus, clock);
    await expect(remove.execute({ userId: 'intruder' }, article.slug)).rejects.toThrow(ForbiddenError);
    expect(articles.rows.size).toBe(1);
    await remove.execute({ userId: 'author' }, article.slug);
    expect(articles.rows.size).toBe(0);
    expect(projection.calls).toEqual(['deleted a1', 'tags x,y -1']);
  });

  it('refuses to delete a comment through another article or by someone else', async () => {
    const comments = new InMemoryComments();
    const other = Article.publish({ id: 'a2', authorId: 'author', title: 'Other', description: 'd', body: 'b', now: clock.now() });
    await articles.add(other);
    await comments.add(Comment.write({ id: 7, articleId: 'a1', authorId: 'commenter', body: 'hi', now: clock.now() }));
    const remove = new DeleteComment(articles, comments, bus, clock);
    await expect(remove.execute({ userId: 'commenter' }, other.slug, 7)).rejects.toThrow(NotFoundError);
    await expect(remove.execute({ userId: 'author' }, article.slug, 7)).rejects.toThrow(ForbiddenError);
    await remove.execute({ userId: 'commenter' }, article.slug, 7);
    expect(comments.rows.size).toBe(0);
  });
});

describe('profile use cases with in-memory ports', () => {
  it('follows and unfollows by username, never oneself, and invalidates the follower\'s reads each time', async () => {
    const profiles = new InMemoryProfiles({ jake: 'u-jake', celeb: 'u-celeb' });
    const clock = new FixedClock();
    const invalidated: string[] = [];
    const reads = { articlesChanged: async () => {}, viewerChanged: async (userId: string) => void invalidated.push(userId) };
    expect(await new FollowUser(profiles, profiles, clock, reads).execute({ userId: 'u-jake' }, 'celeb')).toMatchObject({ following: true });
    expect(await new GetProfile(profiles).execute('celeb', { userId: 'u-jake' })).toMatchObject({ following: true });
    expect(await new GetProfile(profiles).execute('celeb', undefined)).toMatchObject({ following: false });
    expect(await new UnfollowUser(profiles, profiles, reads).execute({ userId: 'u-jake' }, 'celeb')).toMatchObject({ following: false });
    expect(invalidated).toEqual(['u-jake', 'u-jake']);
    await expect(new FollowUser(profiles, profiles, clock, reads).execute({ userId: 'u-jake' }, 'jake')).rejects.toThrow(ValidationError);
    await expect(new GetProfile(profiles).execute('nobody', undefined)).rejects.toThrow(NotFoundError);
  });
});
