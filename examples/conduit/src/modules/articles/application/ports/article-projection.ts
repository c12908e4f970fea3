/**
 * The write side of the read model. The article methods copy from the write tables inside the
 * caller's transaction, so an article view can never disagree with the aggregate it came from.
 */
export interface ArticleProjection {
  articlePublished(articleId: string): Promise<void>;
  articleEdited(articleId: string): Promise<void>;
  articleDeleted(articleId: string): Promise<void>;
  favoritesChanged(articleId: string, delta: 1 | -1): Promise<void>;
  /**
   * Moves the per-tag article counts that rank the tag list. Called after commit, outside the
   * writer's transaction: popular tags would otherwise be hot rows that serialise every publish.
   */
  tagsCounted(tags: readonly string[], delta: 1 | -1): Promise<void>;
  authorChanged(author: { userId: string; username: string; bio: string | null; image: string | null }): Promise<void>;
  /** Recomputes the whole read model from the write tables (after a bulk load, or to repair drift). */
  rebuild(): Promise<void>;
}
