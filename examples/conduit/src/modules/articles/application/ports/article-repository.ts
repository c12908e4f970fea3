import type { Article } from '../../domain/entities/article.js';

/** Write-side persistence of the Article aggregate. `add`/`save` throw ConflictError on a slug clash. */
export interface ArticleRepository {
  findBySlug(slug: string): Promise<Article | undefined>;
  add(article: Article): Promise<void>;
  save(article: Article): Promise<void>;
  /** Comments and favorites of the article go with it. */
  remove(article: Article): Promise<void>;
}
