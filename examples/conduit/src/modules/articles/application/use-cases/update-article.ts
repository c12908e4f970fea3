import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import type { ArticleChanges } from '../../domain/entities/article.js';
import type { ArticleViews } from '../article-views.js';
import type { ArticleDto } from '../dtos/article.dto.js';
import type { ArticleRepository } from '../ports/article-repository.js';
import { mustExist } from './must-exist.js';

export class UpdateArticle {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly views: ArticleViews,
    private readonly transaction: TransactionalEvents,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, slug: string, changes: ArticleChanges): Promise<ArticleDto> {
    return this.transaction.run(async (publish) => {
      const article = mustExist(await this.articles.findBySlug(slug), 'article');
      article.edit(viewer.userId, changes, this.clock.now());
      await this.articles.save(article);
      await publish(article.pullEvents());
      return mustExist(await this.views.fresh(article.slug, viewer.userId), 'article');
    });
  }
}
