import type { OptionalViewer } from '../../../../shared/application/viewer.js';
import type { ArticleViews, PersonalisedArticle } from '../article-views.js';
import { mustExist } from './must-exist.js';

export class GetArticle {
  constructor(private readonly views: ArticleViews) {}

  async execute(slug: string, viewer: OptionalViewer): Promise<PersonalisedArticle> {
    return mustExist(await this.views.cached(slug, viewer?.userId), 'article');
  }

  /** The same answer synchronously when it is all in the read cache; undefined when `execute` is needed. */
  cachedNow(slug: string, viewer: OptionalViewer): PersonalisedArticle | undefined {
    return this.views.cachedNow(slug, viewer?.userId);
  }
}
