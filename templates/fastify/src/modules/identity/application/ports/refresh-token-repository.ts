import type { RefreshToken } from '../../domain/entities/refresh-token.js';

export interface RefreshTokenRepository {
  findByHash(tokenHash: string): Promise<RefreshToken | null>;
  insert(token: RefreshToken): Promise<void>;
  /**
   * Marks the token rotated only if it still is not; false means another request rotated it first,
   * which is treated as reuse. This compare-and-set closes the race between two refreshes.
   */
  markRotated(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  /** Ends every session of a user (a password change). */
  revokeAllForUser(userId: string, at: Date): Promise<void>;
  /**
   * Deletes tokens that can no longer matter: expired ones, and revoked ones. Rotated tokens of a
   * live family stay until they expire, since presenting one is how reuse is detected.
   */
  purgeSpent(now: Date): Promise<number>;
}
