import { ForbiddenError } from '../../../../shared/domain/domain-error.js';
import type { DomainEvent } from '../../../../shared/domain/domain-event.js';
import type { ArticleDeleted, ArticleEdited, ArticlePublished } from '../events/article-events.js';
import { requiredText } from '../value-objects/required-text.js';
import { slugFor } from '../value-objects/slug.js';
import { normalizeTags } from '../value-objects/tag-list.js';

export interface ArticleState {
  id: string;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  authorId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleDraft {
  title: string;
  description: string;
  body: string;
  tagList?: readonly string[];
}

export interface ArticleChanges {
  title?: string;
  description?: string;
  body?: string;
}

const LIMITS = { title: 200, description: 500, body: 100_000 };

/** The write-side aggregate: content invariants and the rule that only the author may change it. */
export class Article {
  private readonly pending: Array<ArticlePublished | ArticleEdited | ArticleDeleted> = [];

  private constructor(private state: ArticleState) {}

  static publish(input: ArticleDraft & { id: string; authorId: string; now: Date }): Article {
    const title = requiredText('title', input.title, LIMITS.title);
    const article = new Article({
      id: input.id,
      slug: slugFor(title, input.id),
      title,
      description: requiredText('description', input.description, LIMITS.description),
      body: requiredText('body', input.body, LIMITS.body),
      tagList: normalizeTags(input.tagList ?? []),
      authorId: input.authorId,
      createdAt: input.now,
      updatedAt: input.now,
    });
    article.pending.push({ type: 'articles.published', occurredAt: input.now, articleId: input.id, tagList: article.state.tagList });
    return article;
  }

  static restore(state: ArticleState): Article {
    return new Article({ ...state, tagList: [...state.tagList] });
  }

  get id(): string {
    return this.state.id;
  }

  get slug(): string {
    return this.state.slug;
  }

  get authorId(): string {
    return this.state.authorId;
  }

  snapshot(): Readonly<ArticleState> {
    return { ...this.state, tagList: [...this.state.tagList] };
  }

  edit(editorId: string, changes: ArticleChanges, now: Date): void {
    this.assertAuthor(editorId, 'edit');
    const previousSlug = this.state.slug;
    const next = { ...this.state, updatedAt: now };
    if (changes.title !== undefined) {
      next.title = requiredText('title', changes.title, LIMITS.title);
      next.slug = slugFor(next.title, next.id);
    }
    if (changes.description !== undefined) next.description = requiredText('description', changes.description, LIMITS.description);
    if (changes.body !== undefined) next.body = requiredText('body', changes.body, LIMITS.body);
    this.state = next;
    this.pending.push({ type: 'articles.edited', occurredAt: now, articleId: next.id, previousSlug, slug: next.slug });
  }

  delete(requesterId: string, now: Date): void {
    this.assertAuthor(requesterId, 'delete');
    this.pending.push({ type: 'articles.deleted', occurredAt: now, articleId: this.state.id, slug: this.state.slug, tagList: this.state.tagList });
  }

  pullEvents(): DomainEvent[] {
    return this.pending.splice(0);
  }

  private assertAuthor(userId: string, action: string): void {
    if (userId !== this.state.authorId) throw new ForbiddenError(`only the author can ${action} this article`);
  }
}
