import type { KeysetPosition, PageRequest } from '../../../../shared/application/pagination.js';
import type { ArticleDto, ArticleSummaryDto, CommentDto } from '../dtos/article.dto.js';

export interface ArticleFilter {
  tag?: string;
  author?: string;
  favorited?: string;
}

/** Which article and author a row shows: what the per-viewer overlay looks up. */
export interface ArticleRef {
  articleId: string;
  authorId: string;
}

/** A page as every viewer shares it: `favorited` and `author.following` are false in `articles`. */
export interface ArticlePage {
  articles: ArticleSummaryDto[];
  refs: ArticleRef[];
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

/** What one user follows and has favorited: the small sets a viewer's overlay is computed from. */
export interface ViewerSetsRows {
  favoriteArticleIds: string[];
  followedUserIds: string[];
}

/**
 * The query side: reads the denormalized `article_views` projection. Pages and views are the same
 * for every viewer; per-viewer fields (favorited, following) come from the viewer's sets, or from
 * indexed EXISTS probes (`viewerFlags`) where a write answers with the article it just changed.
 */
export interface ArticleReadModel {
  list(filter: ArticleFilter, page: PageRequest): Promise<ArticlePage>;
  /** Articles by the authors `viewerId` follows. */
  feed(viewerId: string, page: PageRequest): Promise<ArticlePage>;
  findBySlug(slug: string): Promise<ArticleView | undefined>;
  viewerFlags(viewerId: string, articleId: string, authorId: string): Promise<{ favorited: boolean; following: boolean }>;
  viewerSets(viewerId: string): Promise<ViewerSetsRows>;
  popularTags(limit: number): Promise<string[]>;
  comments(articleId: string, viewerId: string | undefined, limit: number): Promise<CommentDto[]>;
  comment(commentId: number, viewerId: string | undefined): Promise<CommentDto | undefined>;
}
