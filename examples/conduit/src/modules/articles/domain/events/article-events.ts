import type { DomainEvent } from '../../../../shared/domain/domain-event.js';

export interface ArticlePublished extends DomainEvent {
  readonly type: 'articles.published';
  readonly articleId: string;
  readonly tagList: readonly string[];
}

export interface ArticleEdited extends DomainEvent {
  readonly type: 'articles.edited';
  readonly articleId: string;
  readonly previousSlug: string;
  readonly slug: string;
}

export interface ArticleDeleted extends DomainEvent {
  readonly type: 'articles.deleted';
  readonly articleId: string;
  readonly slug: string;
  readonly tagList: readonly string[];
}

/** Raised only when a favorite was actually added or removed, so counters move exactly once per change. */
export interface ArticleFavoriteChanged extends DomainEvent {
  readonly type: 'articles.favorited' | 'articles.unfavorited';
  readonly articleId: string;
  readonly slug: string;
  readonly userId: string;
}

export interface CommentAdded extends DomainEvent {
  readonly type: 'articles.comment-added';
  readonly articleId: string;
  readonly commentId: number;
}

export interface CommentDeleted extends DomainEvent {
  readonly type: 'articles.comment-deleted';
  readonly articleId: string;
  readonly commentId: number;
}

export type ArticleEvent = ArticlePublished | ArticleEdited | ArticleDeleted | ArticleFavoriteChanged | CommentAdded | CommentDeleted;
