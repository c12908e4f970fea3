import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import type { ArticleRepository } from '../ports/article-repository.js';
import { mustExist } from './must-exist.js';

export class DeleteArticle {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly transaction: TransactionalEvents,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, slug: string): Promise<void> {
    await this.transaction.run(async (publish) => {
      const article = mustExist(await this.articles.findBySlug(slug), 'article');
      article.delete(viewer.userId, this.clock.now());
      await this.articles.remove(article);
      await publish(article.pullEvents());
    });
  }
}
