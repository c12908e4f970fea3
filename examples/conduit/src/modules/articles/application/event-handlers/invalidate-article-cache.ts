import type { DomainEventBus } from '../../../../shared/application/events/domain-events.js';
import type { UserProfileChanged } from '../../../users/domain/events/user-events.js';
import type { ArticleDeleted, ArticleEdited, ArticleFavoriteChanged, ArticlePublished } from '../../domain/events/article-events.js';
import type { ArticleCache } from '../article-cache.js';
import type { ArticleReadModel } from '../ports/article-read-model.js';

/**
 * After commit, drop every cached entry the change made stale. The cached article holds its
 * favoritesCount and author, so favorites and author profile edits invalidate it too; comments
 * are never cached, so they invalidate nothing.
 */
export function invalidateArticleCache(bus: DomainEventBus, cache: ArticleCache, readModel: ArticleReadModel): void {
  bus.on<ArticlePublished>('articles.published', 'afterCommit', () => cache.forgetTags());
  bus.on<ArticleEdited>('articles.edited', 'afterCommit', (event) => cache.forgetArticles([event.previousSlug, event.slug]));
  bus.on<ArticleDeleted>('articles.deleted', 'afterCommit', async (event) => {
    await cache.forgetArticles([event.slug]);
    await cache.forgetTags();
  });
  bus.on<ArticleFavoriteChanged>('articles.favorited', 'afterCommit', (event) => cache.forgetArticles([event.slug]));
  bus.on<ArticleFavoriteChanged>('articles.unfavorited', 'afterCommit', (event) => cache.forgetArticles([event.slug]));
  bus.on<UserProfileChanged>('users.profile-changed', 'afterCommit', async (event) =>
    cache.forgetArticles(await readModel.slugsByAuthor(event.userId)),
  );
}
