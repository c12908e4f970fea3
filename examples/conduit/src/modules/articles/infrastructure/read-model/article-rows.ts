import type { ArticleDto, ArticleSummaryDto, CommentDto } from '../../application/dtos/article.dto.js';

/** Row shapes of the read-model queries and their mapping to DTOs (dates become ISO 8601 strings). */
export interface SummaryRow {
  article_id: string;
  author_id: string;
  slug: string;
  title: string;
  description: string;
  tag_list: string[];
  created_at: Date | string;
  updated_at: Date | string;
  favorites_count: number;
  author_username: string;
  author_bio: string | null;
  author_image: string | null;
  favorited: boolean;
  following: boolean;
}

export interface ArticleRow extends SummaryRow {
  body: string;
}

export interface CommentRow {
  id: number;
  body: string;
  created_at: Date | string;
  updated_at: Date | string;
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

export const iso = (value: Date | string): string => new Date(value).toISOString();

export function toSummary(row: SummaryRow): ArticleSummaryDto {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    tagList: row.tag_list,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    favorited: row.favorited,
    favoritesCount: row.favorites_count,
    author: { username: row.author_username, bio: row.author_bio, image: row.author_image, following: row.following },
  };
}

export function toArticle(row: ArticleRow): ArticleDto {
  const summary = toSummary(row);
  return { slug: summary.slug, title: summary.title, description: summary.description, body: row.body, tagList: summary.tagList, createdAt: summary.createdAt, updatedAt: summary.updatedAt, favorited: summary.favorited, favoritesCount: summary.favoritesCount, author: summary.author };
}

export function toComment(row: CommentRow): CommentDto {
  return {
    id: row.id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    body: row.body,
    author: { username: row.username, bio: row.bio, image: row.image, following: row.following },
  };
}
