import { and, eq } from 'drizzle-orm';
import type { DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import type { Follow } from '../../domain/entities/follow.js';
import type { FollowRepository } from '../../application/ports/follow-repository.js';
import { follows } from '../db/schema.js';

export class DrizzleFollowRepository implements FollowRepository {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async add(follow: Follow): Promise<void> {
    await this.database
      .current()
      .insert(follows)
      .values({ followerId: follow.followerId, followeeId: follow.followeeId, createdAt: follow.createdAt })
      .onConflictDoNothing();
  }

  async remove(followerId: string, followeeId: string): Promise<void> {
    await this.database.current().delete(follows).where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
  }
}
