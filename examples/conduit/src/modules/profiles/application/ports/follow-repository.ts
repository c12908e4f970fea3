import type { Follow } from '../../domain/entities/follow.js';

/** Both operations are idempotent: following twice or unfollowing a stranger is not an error. */
export interface FollowRepository {
  add(follow: Follow): Promise<void>;
  remove(followerId: string, followeeId: string): Promise<void>;
}
