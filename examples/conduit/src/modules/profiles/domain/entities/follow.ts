import { ValidationError } from '../../../../shared/domain/domain-error.js';

/** A follower relation; the one invariant is that nobody follows themself (their feed would echo). */
export class Follow {
  private constructor(
    readonly followerId: string,
    readonly followeeId: string,
    readonly createdAt: Date,
  ) {}

  static between(followerId: string, followeeId: string, now: Date): Follow {
    if (followerId === followeeId) throw new ValidationError('you cannot follow yourself');
    return new Follow(followerId, followeeId, now);
  }
}
