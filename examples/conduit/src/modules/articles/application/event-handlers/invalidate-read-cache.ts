import type { DomainEventBus } from '../../../../shared/application/events/domain-events.js';
import type { ReadInvalidation } from '../../../../shared/application/read-cache.js';
import type { UserProfileChanged } from '../../../users/domain/events/user-events.js';
import type { ArticleDeleted, ArticleEdited, ArticleFavoriteChanged, ArticlePublished } from '../../domain/events/article-events.js';

/**
 * After commit, drop what the change made stale in every replica's read cache. Anything about an
 * article can move a list page (order, counts, author fields), so article changes drop all shared
 * pages and views; a favorite also changes its author's favorite set. Comments are not cached, so
 * they invalidate nothing; follows invalidate from the profiles use cases.
 */
export function invalidateReadCache(bus: DomainEventBus, cache: ReadInvalidation): void {
  const articles = async () => cache.articlesChanged();
  bus.on<ArticlePublished>('articles.published', 'afterCommit', articles);
  bus.on<ArticleEdited>('articles.edited', 'afterCommit', articles);
  bus.on<ArticleDeleted>('articles.deleted', 'afterCommit', articles);
  const favorite = async (event: ArticleFavoriteChanged) => {
    await cache.viewerChanged(event.userId);
    await cache.articlesChanged();
  };
  bus.on<ArticleFavoriteChanged>('articles.favorited', 'afterCommit', favorite);
  bus.on<ArticleFavoriteChanged>('articles.unfavorited', 'afterCommit', favorite);
  bus.on<UserProfileChanged>('users.profile-changed', 'afterCommit', articles);
}
