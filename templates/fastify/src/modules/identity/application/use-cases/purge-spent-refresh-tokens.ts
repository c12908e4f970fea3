import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';

/** Keeps the token table the size of the live sessions; scheduled by the composition root. */
export class PurgeSpentRefreshTokens {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<number> {
    return this.refreshTokens.purgeSpent(this.clock.now());
  }
}
