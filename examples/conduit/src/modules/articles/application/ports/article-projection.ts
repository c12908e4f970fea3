/**
 * The write side of the read model. Every method copies from the write tables inside the caller's
 * transaction, so a projection can never disagree with the aggregate it was derived from.
 */
export interface ArticleProjection {
  articlePublished(articleId: string): Promise<void>;
  articleEdited(articleId: string): Promise<void>;
  articleDeleted(articleId: string): Promise<void>;
  favoritesChanged(articleId: string, delta: 1 | -1): Promise<void>;
  authorChanged(author: { userId: string; username: string; bio: string | null; image: string | null }): Promise<void>;
  /** Recomputes the whole read model from the write tables (after a bulk load, or to repair drift). */
  rebuild(): Promise<void>;
}
