export interface FavoriteRepository {
  /** True when the favorite was new; false when it already existed. */
  add(userId: string, articleId: string, at: Date): Promise<boolean>;
  /** True when a favorite was removed; false when there was none. */
  remove(userId: string, articleId: string): Promise<boolean>;
}
