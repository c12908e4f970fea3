import { encodeCursor, type PageRequest } from '../../../../shared/application/pagination.js';
import type { OptionalViewer, Viewer } from '../../../../shared/application/viewer.js';
import type { ArticleListDto } from '../dtos/article.dto.js';
import type { ArticleFilter, ArticlePage, ArticleReadModel } from '../ports/article-read-model.js';

function toListDto(page: ArticlePage): ArticleListDto {
  return { articles: page.articles, articlesCount: page.articlesCount, nextCursor: page.last ? encodeCursor(page.last) : null };
}

/** Global list with the spec's tag/author/favorited filters, served from the read model. */
export class ListArticles {
  constructor(private readonly readModel: ArticleReadModel) {}

  async execute(filter: ArticleFilter, page: PageRequest, viewer: OptionalViewer): Promise<ArticleListDto> {
    return toListDto(await this.readModel.list(filter, page, viewer?.userId));
  }
}

/** Articles by the authors the viewer follows, newest first. */
export class GetFeed {
  constructor(private readonly readModel: ArticleReadModel) {}

  async execute(viewer: Viewer, page: PageRequest): Promise<ArticleListDto> {
    return toListDto(await this.readModel.feed(viewer.userId, page));
  }
}
