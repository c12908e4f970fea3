import { PrefixedKeys } from '../../../shared/application/cache-keys.js';
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
  private readonly keys = new PrefixedKeys('viewer:');

  constructor(
    private readonly cache: ReadCache,
    private readonly readModel: ArticleReadModel,
  ) {}

  /** Undefined for anonymous readers, whose flags are all false. */
  async of(viewerId: string | undefined, refs: readonly ArticleRef[]): Promise<Overlay | undefined> {
    if (viewerId === undefined) return undefined;
    return overlay(await this.cache.get(this.keys.of(viewerId), { articles: false, viewer: viewerId }, () => this.load(viewerId)), refs);
  }

  /** The viewer's overlay synchronously when their sets are cached and fresh; undefined when `of` would load them. */
  peek(viewerId: string, refs: readonly ArticleRef[]): Overlay | undefined {
    const sets = this.cache.peek<ViewerSets>(this.keys.of(viewerId));
    return sets === undefined ? undefined : overlay(sets, refs);
  }

  /** `peek` for a single article, without the list around it. */
  peekOne(viewerId: string, ref: ArticleRef): Overlay | undefined {
    const sets = this.cache.peek<ViewerSets>(this.keys.of(viewerId));
    return sets === undefined ? undefined : overlayOfOne(sets, ref);
  }

  private async load(viewerId: string): Promise<ViewerSets> {
    const rows = await this.readModel.viewerSets(viewerId);
    return { favorites: new Set(rows.favoriteArticleIds), following: new Set(rows.followedUserIds) };
  }
}

/**
 * The four overlays one article can have, [favorited][following], shared and frozen: a single
 * article's read allocates no overlay (two arrays, two closures and an object per request before).
 */
const ONE_ARTICLE: readonly Overlay[] = [false, true].flatMap((favorited) =>
  [false, true].map((following) => Object.freeze({ favorited: Object.freeze([favorited]), following: Object.freeze([following]) })),
);

function overlayOfOne(sets: ViewerSets, ref: ArticleRef): Overlay {
  return ONE_ARTICLE[(sets.favorites.has(ref.articleId) ? 2 : 0) + (sets.following.has(ref.authorId) ? 1 : 0)] as Overlay;
}

function overlay(sets: ViewerSets, refs: readonly ArticleRef[]): Overlay {
  if (refs.length === 1) return overlayOfOne(sets, refs[0] as ArticleRef);
  return {
    favorited: refs.map((ref) => sets.favorites.has(ref.articleId)),
    following: refs.map((ref) => sets.following.has(ref.authorId)),
  };
}
