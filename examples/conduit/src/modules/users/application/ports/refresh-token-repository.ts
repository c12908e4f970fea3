import type { RefreshToken } from '../../domain/entities/refresh-token.js';

export interface RefreshTokenRepository {
  add(token: RefreshToken): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshToken | undefined>;
  /**
   * Compare-and-set: marks the token rotated only if nobody did first. Two concurrent refreshes with
   * the same token cannot both win; the loser is treated as reuse.
   */
  markRotated(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  /** Every session of the user ends (password change). */
  revokeAllForUser(userId: string, at: Date): Promise<void>;
  /**
   * Deletes tokens that can no longer matter: expired ones, and spent ones (revoked or rotated)
   * older than `spentBefore`. Returns how many went.
   */
  purgeSpent(now: Date, spentBefore: Date): Promise<number>;
}
