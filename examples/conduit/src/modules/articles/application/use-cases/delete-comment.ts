import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import type { ArticleRepository } from '../ports/article-repository.js';
import type { CommentRepository } from '../ports/comment-repository.js';
import { mustExist } from './must-exist.js';

export class DeleteComment {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly comments: CommentRepository,
    private readonly transaction: TransactionalEvents,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, slug: string, commentId: number): Promise<void> {
    await this.transaction.run(async (publish) => {
      const article = mustExist(await this.articles.findBySlug(slug), 'article');
      const stored = await this.comments.findById(commentId);
      // A comment addressed through another article's slug does not exist at this address.
      const comment = mustExist(stored?.articleId === article.id ? stored : undefined, 'comment');
      comment.delete(viewer.userId, this.clock.now());
      await this.comments.remove(comment);
      await publish(comment.pullEvents());
    });
  }
}
