import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';

/**
 * Spent tokens are kept for a while so that a stolen one presented again is recognised as reuse
 * and revokes its family; after `retentionDays` (and always after expiry) they only grow the table.
 */
export class PurgeSpentRefreshTokens {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  execute(): Promise<number> {
    const now = this.clock.now();
    return this.refreshTokens.purgeSpent(now, new Date(now.getTime() - this.retentionDays * 86_400_000));
  }
}
