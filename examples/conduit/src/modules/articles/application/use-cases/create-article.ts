import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { IdGenerator } from '../../../../shared/application/ports/id-generator.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { Article, type ArticleDraft } from '../../domain/entities/article.js';
import type { ArticleViews } from '../article-views.js';
import type { ArticleDto } from '../dtos/article.dto.js';
import type { ArticleRepository } from '../ports/article-repository.js';
import { mustExist } from './must-exist.js';

export class CreateArticle {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly views: ArticleViews,
    private readonly transaction: TransactionalEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, draft: ArticleDraft): Promise<ArticleDto> {
    return this.transaction.run(async (publish) => {
      const article = Article.publish({ ...draft, id: this.ids.next(), authorId: viewer.userId, now: this.clock.now() });
      await this.articles.add(article);
      await publish(article.pullEvents());
      return mustExist(await this.views.fresh(article.slug, viewer.userId), 'article');
    });
  }
}
