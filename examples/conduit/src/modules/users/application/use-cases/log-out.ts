import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import type { OpaqueTokens } from '../ports/opaque-tokens.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';

/** Ends a session: the whole refresh family dies; outstanding access tokens expire on their own (15 min). */
export class LogOut {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, refreshToken: string): Promise<void> {
    await this.unitOfWork.run(async () => {
      const stored = await this.refreshTokens.findByHash(this.opaqueTokens.hash(refreshToken));
      // Unknown tokens are accepted silently: logging out twice is not an error worth reporting.
      if (!stored) return;
      stored.assertOwnedBy(viewer.userId);
      await this.refreshTokens.revokeFamily(stored.familyId, this.clock.now());
    });
  }
}
