import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { Comment } from '../../domain/entities/comment.js';
import type { CommentDto } from '../dtos/article.dto.js';
import type { ArticleReadModel } from '../ports/article-read-model.js';
import type { ArticleRepository } from '../ports/article-repository.js';
import type { CommentRepository } from '../ports/comment-repository.js';
import { mustExist } from './must-exist.js';

export class AddComment {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly comments: CommentRepository,
    private readonly readModel: ArticleReadModel,
    private readonly transaction: TransactionalEvents,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, slug: string, body: string): Promise<CommentDto> {
    return this.transaction.run(async (publish) => {
      const article = mustExist(await this.articles.findBySlug(slug), 'article');
      const comment = Comment.write({ id: await this.comments.nextId(), articleId: article.id, authorId: viewer.userId, body, now: this.clock.now() });
      await this.comments.add(comment);
      await publish(comment.pullEvents());
      return mustExist(await this.readModel.comment(comment.id, viewer.userId), 'comment');
    });
  }
}
