import type { ReadCache } from '../../../shared/application/read-cache.js';
import type { ArticleReadModel, ArticleRef } from './ports/article-read-model.js';

/** One viewer's flags for the rows of a shared page or view, index for index. */
export interface Overlay {
  favorited: readonly boolean[];
  following: readonly boolean[];
}

interface ViewerSets {
  favorites: ReadonlySet<string>;
  following: ReadonlySet<string>;
}

/**
 * The per-viewer part of every article read, computed from two small sets per viewer (articles they
 * favorited, users they follow) held in the read cache: a set lookup per row instead of two EXISTS
 * probes per row. Only the viewer's own follows and favorites change the sets, so they obey the
 * viewer's invalidations and not the (far more frequent) article ones.
 */
export class ViewerOverlays {
  constructor(
    private readonly cache: ReadCache,
    private readonly readModel: ArticleReadModel,
  ) {}

  /** Undefined for anonymous readers, whose flags are all false. */
  async of(viewerId: string | undefined, refs: readonly ArticleRef[]): Promise<Overlay | undefined> {
    if (viewerId === undefined) return undefined;
    return overlay(await this.cache.get(`viewer:${viewerId}`, { articles: false, viewer: viewerId }, () => this.load(viewerId)), refs);
  }

  /** The viewer's overlay synchronously when their sets are cached and fresh; undefined when `of` would load them. */
  peek(viewerId: string, refs: readonly ArticleRef[]): Overlay | undefined {
    const sets = this.cache.peek<ViewerSets>(`viewer:${viewerId}`);
    return sets === undefined ? undefined : overlay(sets, refs);
  }

  private async load(viewerId: string): Promise<ViewerSets> {
    const rows = await this.readModel.viewerSets(viewerId);
    return { favorites: new Set(rows.favoriteArticleIds), following: new Set(rows.followedUserIds) };
  }
}

function overlay(sets: ViewerSets, refs: readonly ArticleRef[]): Overlay {
  return {
    favorited: refs.map((ref) => sets.favorites.has(ref.articleId)),
    following: refs.map((ref) => sets.following.has(ref.authorId)),
  };
}
