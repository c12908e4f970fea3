import type { OptionalViewer } from '../../../../shared/application/viewer.js';
import type { ArticleViews } from '../article-views.js';
import type { ArticleDto } from '../dtos/article.dto.js';
import { mustExist } from './must-exist.js';

export class GetArticle {
  constructor(private readonly views: ArticleViews) {}

  async execute(slug: string, viewer: OptionalViewer): Promise<ArticleDto> {
    return mustExist(await this.views.cached(slug, viewer?.userId), 'article');
  }
}
