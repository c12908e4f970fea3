import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { favoriteChanged } from '../../domain/entities/favorite.js';
import type { ArticleViews } from '../article-views.js';
import type { ArticleDto } from '../dtos/article.dto.js';
import type { ArticleRepository } from '../ports/article-repository.js';
import type { FavoriteRepository } from '../ports/favorite-repository.js';
import { mustExist } from './must-exist.js';

/** Favorite (`favorite: true`) or unfavorite an article; both idempotent, both answer with the article. */
export class ToggleFavorite {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly favorites: FavoriteRepository,
    private readonly views: ArticleViews,
    private readonly transaction: TransactionalEvents,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, slug: string, favorite: boolean): Promise<ArticleDto> {
    return this.transaction.run(async (publish) => {
      const article = mustExist(await this.articles.findBySlug(slug), 'article');
      const now = this.clock.now();
      const changed = favorite
        ? await this.favorites.add(viewer.userId, article.id, now)
        : await this.favorites.remove(viewer.userId, article.id);
      if (changed) {
        await publish([favoriteChanged(favorite ? 'favorited' : 'unfavorited', { articleId: article.id, slug: article.slug, userId: viewer.userId, now })]);
      }
      return mustExist(await this.views.fresh(article.slug, viewer.userId), 'article');
    });
  }
}
