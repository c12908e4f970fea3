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
}
