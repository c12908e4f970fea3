import type { OptionalViewer } from '../../../../shared/application/viewer.js';
import type { ArticleCache } from '../article-cache.js';
import type { CommentDto } from '../dtos/article.dto.js';
import type { ArticleReadModel } from '../ports/article-read-model.js';
import { mustExist } from './must-exist.js';

/** The spec returns all comments; a hard cap keeps one viral article from producing a megabyte response. */
export const MAX_COMMENTS = 500;

export class ListComments {
  constructor(
    private readonly readModel: ArticleReadModel,
    private readonly cache: ArticleCache,
  ) {}

  async execute(slug: string, viewer: OptionalViewer): Promise<CommentDto[]> {
    const view = mustExist(await this.cache.article(slug, () => this.readModel.findBySlug(slug)), 'article');
    return this.readModel.comments(view.articleId, viewer?.userId, MAX_COMMENTS);
  }
}
