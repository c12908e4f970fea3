import type { DomainEventBus } from '../../../../shared/application/events/domain-events.js';
import type { UserProfileChanged } from '../../../users/domain/events/user-events.js';
import type { ArticleDeleted, ArticleEdited, ArticleFavoriteChanged, ArticlePublished } from '../../domain/events/article-events.js';
import type { ArticleProjection } from '../ports/article-projection.js';

/**
 * Keeps `article_views` in step with the write side inside the same transaction (strongly
 * consistent), and `tag_counts` right after the commit (eventually consistent: a crash in between
 * loses one count until `rebuild()`, an acceptable error for a popularity ranking).
 */
export function projectArticleViews(bus: DomainEventBus, projection: ArticleProjection): void {
  bus.on<ArticlePublished>('articles.published', 'inTransaction', (event) => projection.articlePublished(event.articleId));
  bus.on<ArticlePublished>('articles.published', 'afterCommit', (event) => projection.tagsCounted(event.tagList, 1));
  bus.on<ArticleDeleted>('articles.deleted', 'afterCommit', (event) => projection.tagsCounted(event.tagList, -1));
  bus.on<ArticleEdited>('articles.edited', 'inTransaction', (event) => projection.articleEdited(event.articleId));
  bus.on<ArticleDeleted>('articles.deleted', 'inTransaction', (event) => projection.articleDeleted(event.articleId));
  bus.on<ArticleFavoriteChanged>('articles.favorited', 'inTransaction', (event) => projection.favoritesChanged(event.articleId, 1));
  bus.on<ArticleFavoriteChanged>('articles.unfavorited', 'inTransaction', (event) => projection.favoritesChanged(event.articleId, -1));
  bus.on<UserProfileChanged>('users.profile-changed', 'inTransaction', (event) =>
    projection.authorChanged({ userId: event.userId, username: event.username, bio: event.bio, image: event.image }),
  );
}
