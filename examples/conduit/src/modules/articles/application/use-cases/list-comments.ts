import type { OptionalViewer } from '../../../../shared/application/viewer.js';
import type { ArticleViews } from '../article-views.js';
import type { CommentDto } from '../dtos/article.dto.js';
import type { ArticleReadModel } from '../ports/article-read-model.js';
import { mustExist } from './must-exist.js';

/** The spec returns all comments; a hard cap keeps one viral article from producing a megabyte response. */
export const MAX_COMMENTS = 500;

export class ListComments {
  constructor(
    private readonly readModel: ArticleReadModel,
    private readonly views: ArticleViews,
  ) {}

  async execute(slug: string, viewer: OptionalViewer): Promise<CommentDto[]> {
    const view = mustExist(await this.views.shared(slug), 'article');
    return this.readModel.comments(view.articleId, viewer?.userId, MAX_COMMENTS);
  }
}
