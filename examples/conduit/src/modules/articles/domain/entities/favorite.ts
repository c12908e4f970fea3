import type { ArticleFavoriteChanged } from '../events/article-events.js';

/**
 * Favoriting is idempotent; the event exists only for an actual change, which is what keeps the
 * denormalized favoritesCount equal to the number of favorite rows.
 */
export function favoriteChanged(
  change: 'favorited' | 'unfavorited',
  input: { articleId: string; slug: string; userId: string; now: Date },
): ArticleFavoriteChanged {
  return { type: `articles.${change}`, occurredAt: input.now, articleId: input.articleId, slug: input.slug, userId: input.userId };
}
