import type { KeysetPosition, PageRequest } from '../../../../shared/application/pagination.js';
import type { ArticleDto, ArticleSummaryDto, CommentDto } from '../dtos/article.dto.js';

export interface ArticleFilter {
  tag?: string;
  author?: string;
  favorited?: string;
}

export interface ArticlePage {
  articles: ArticleSummaryDto[];
  articlesCount: number;
  /** Position of the last row when the page is full, i.e. where the next page starts. */
  last: KeysetPosition | undefined;
}

/** The viewer-independent part of an article: what the hot-read cache may hold and share. */
export interface ArticleView {
  articleId: string;
  authorId: string;
  article: ArticleDto;
}

/**
 * The query side: reads the denormalized `article_views` projection. Per-viewer fields
 * (favorited, following) are computed with indexed EXISTS probes, never stored.
 */
export interface ArticleReadModel {
  list(filter: ArticleFilter, page: PageRequest, viewerId: string | undefined): Promise<ArticlePage>;
  feed(viewerId: string, page: PageRequest): Promise<ArticlePage>;
  findBySlug(slug: string): Promise<ArticleView | undefined>;
  viewerFlags(viewerId: string, articleId: string, authorId: string): Promise<{ favorited: boolean; following: boolean }>;
  slugsByAuthor(authorId: string): Promise<string[]>;
  popularTags(limit: number): Promise<string[]>;
  comments(articleId: string, viewerId: string | undefined, limit: number): Promise<CommentDto[]>;
  comment(commentId: number, viewerId: string | undefined): Promise<CommentDto | undefined>;
}
