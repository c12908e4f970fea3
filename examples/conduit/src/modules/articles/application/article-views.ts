import { PrefixedKeys } from '../../../shared/application/cache-keys.js';
import type { ReadCache } from '../../../shared/application/read-cache.js';
import type { ArticleDto } from './dtos/article.dto.js';
import type { ArticleReadModel, ArticleView } from './ports/article-read-model.js';
import type { Overlay, ViewerOverlays } from './viewer-overlay.js';

/** One article as a viewer sees it: the shared view plus that viewer's flags (none when anonymous). */
export interface PersonalisedArticle {
  view: ArticleView;
  overlay: Overlay | undefined;
}

/** Assembles one article for one viewer: the shared view (cached or fresh) plus the viewer's flags. */
export class ArticleViews {
  private readonly keys = new PrefixedKeys('article:');

  constructor(
    private readonly readModel: ArticleReadModel,
    private readonly cache: ReadCache,
    private readonly overlays: ViewerOverlays,
  ) {}

  /** The viewer-independent view through the read cache; undefined when no article has this slug. */
  shared(slug: string): Promise<ArticleView | undefined> {
    return this.cache.get(this.keys.of(slug), { articles: true }, () => this.readModel.findBySlug(slug));
  }

  /** Through the read cache: for plain reads. */
  async cached(slug: string, viewerId: string | undefined): Promise<PersonalisedArticle | undefined> {
    const view = await this.shared(slug);
    if (!view) return undefined;
    return { view, overlay: await this.overlays.of(viewerId, [view]) };
  }

  /**
   * `cached`'s answer synchronously when everything it needs is in the read cache and fresh (the
   * view, and the viewer's sets when signed in); undefined when `cached` would have to load, or the
   * slug is unknown (which `cached` answers).
   */
  cachedNow(slug: string, viewerId: string | undefined): PersonalisedArticle | undefined {
    const view = this.cache.peek<ArticleView>(this.keys.of(slug));
    if (view === undefined) return undefined;
    if (viewerId === undefined) return { view, overlay: undefined };
    const overlay = this.overlays.peekOne(viewerId, view);
    return overlay === undefined ? undefined : { view, overlay };
  }

  /** Straight from the read model: for responses to writes, which must show the write just made. */
  async fresh(slug: string, viewerId: string | undefined): Promise<ArticleDto | undefined> {
    const view = await this.readModel.findBySlug(slug);
    if (!view) return undefined;
    if (!viewerId) return view.article;
    const flags = await this.readModel.viewerFlags(viewerId, view.articleId, view.authorId);
    return { ...view.article, favorited: flags.favorited, author: { ...view.article.author, following: flags.following } };
  }
}
