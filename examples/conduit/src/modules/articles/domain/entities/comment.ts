import { ForbiddenError } from '../../../../shared/domain/domain-error.js';
import type { DomainEvent } from '../../../../shared/domain/domain-event.js';
import type { CommentAdded, CommentDeleted } from '../events/article-events.js';
import { requiredText } from '../value-objects/required-text.js';

export interface CommentState {
  id: number;
  articleId: string;
  authorId: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

export class Comment {
  private readonly pending: Array<CommentAdded | CommentDeleted> = [];

  private constructor(private readonly state: CommentState) {}

  static write(input: { id: number; articleId: string; authorId: string; body: string; now: Date }): Comment {
    const comment = new Comment({
      id: input.id,
      articleId: input.articleId,
      authorId: input.authorId,
      body: requiredText('body', input.body, 10_000),
      createdAt: input.now,
      updatedAt: input.now,
    });
    comment.pending.push({ type: 'articles.comment-added', occurredAt: input.now, articleId: input.articleId, commentId: input.id });
    return comment;
  }

  static restore(state: CommentState): Comment {
    return new Comment({ ...state });
  }

  get id(): number {
    return this.state.id;
  }

  get articleId(): string {
    return this.state.articleId;
  }

  snapshot(): Readonly<CommentState> {
    return { ...this.state };
  }

  /** Comments can be removed by their author only; the spec gives article authors no moderation right. */
  delete(requesterId: string, now: Date): void {
    if (requesterId !== this.state.authorId) throw new ForbiddenError('only the author can delete this comment');
    this.pending.push({ type: 'articles.comment-deleted', occurredAt: now, articleId: this.state.articleId, commentId: this.state.id });
  }

  pullEvents(): DomainEvent[] {
    return this.pending.splice(0);
  }
}
