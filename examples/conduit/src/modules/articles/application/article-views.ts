import type { ArticleCache } from './article-cache.js';
import type { ArticleDto } from './dtos/article.dto.js';
import type { ArticleReadModel, ArticleView } from './ports/article-read-model.js';

/** Assembles one article for one viewer: the shared view (cached or fresh) plus the viewer's flags. */
export class ArticleViews {
  constructor(
    private readonly readModel: ArticleReadModel,
    private readonly cache: ArticleCache,
  ) {}

  /** Through the cache: for plain reads. */
  async cached(slug: string, viewerId: string | undefined): Promise<ArticleDto | undefined> {
    const view = await this.cache.article(slug, () => this.readModel.findBySlug(slug));
    return view && this.personalise(view, viewerId);
  }

  /** Straight from the read model: for responses to writes, which must show the write just made. */
  async fresh(slug: string, viewerId: string | undefined): Promise<ArticleDto | undefined> {
    const view = await this.readModel.findBySlug(slug);
    return view && this.personalise(view, viewerId);
  }

  private async personalise(view: ArticleView, viewerId: string | undefined): Promise<ArticleDto> {
    if (!viewerId) return view.article;
    const flags = await this.readModel.viewerFlags(viewerId, view.articleId, view.authorId);
    return { ...view.article, favorited: flags.favorited, author: { ...view.article.author, following: flags.following } };
  }
}
