import type { ReadCache } from '../../../../shared/application/read-cache.js';
import type { ArticleReadModel } from '../ports/article-read-model.js';

/** The spec's tag list, capped to the most used ones: a tag cloud of every tag ever typed is noise. */
export const MAX_TAGS_LISTED = 100;

export class ListTags {
  constructor(
    private readonly readModel: ArticleReadModel,
    private readonly cache: ReadCache,
  ) {}

  execute(): Promise<string[]> {
    return this.cache.get('tags', { articles: true }, () => this.readModel.popularTags(MAX_TAGS_LISTED));
  }
}
