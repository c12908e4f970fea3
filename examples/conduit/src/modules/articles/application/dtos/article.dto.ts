/** The RealWorld profile shape, as embedded in articles and comments. */
export interface AuthorDto {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

/** An article as listed: the spec dropped `body` from lists, which keeps list rows small. */
export interface ArticleSummaryDto {
  slug: string;
  title: string;
  description: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: AuthorDto;
}

export interface ArticleDto extends ArticleSummaryDto {
  body: string;
}

export interface ArticleListDto {
  articles: ArticleSummaryDto[];
  articlesCount: number;
  /** Beyond the spec: pass as `?cursor=` for keyset paging; null on the last page. */
  nextCursor: string | null;
}

export interface CommentDto {
  id: number;
  createdAt: string;
  updatedAt: string;
  body: string;
  author: AuthorDto;
}
