import { and, eq } from 'drizzle-orm';
import type { DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import type { FavoriteRepository } from '../../application/ports/favorite-repository.js';
import { favorites } from '../db/schema.js';

/** The primary key makes both operations atomic state changes; RETURNING tells whether one happened. */
export class DrizzleFavoriteRepository implements FavoriteRepository {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async add(userId: string, articleId: string, at: Date): Promise<boolean> {
    const rows = await this.database
      .current()
      .insert(favorites)
      .values({ userId, articleId, createdAt: at })
      .onConflictDoNothing()
      .returning({ articleId: favorites.articleId });
    return rows.length === 1;
  }

  async remove(userId: string, articleId: string): Promise<boolean> {
    const rows = await this.database
      .current()
      .delete(favorites)
      .where(and(eq(favorites.userId, userId), eq(favorites.articleId, articleId)))
      .returning({ articleId: favorites.articleId });
    return rows.length === 1;
  }
}
