import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { UnauthorizedError } from '../../../../shared/domain/errors.js';
import type { AuthSessionDto } from '../dtos/auth-session.dto.js';
import type { OpaqueTokens } from '../ports/opaque-tokens.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

export interface RefreshSessionInput {
  refreshToken: string;
}

/**
 * Rotation with reuse detection: each refresh token works once. Presenting one that was already
 * rotated revokes its whole family, logging out both the thief and the victim, who signs in again.
 */
export class RefreshSession {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly sessions: SessionIssuer,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: RefreshSessionInput): Promise<AuthSessionDto> {
    const outcome = await this.unitOfWork.transaction(async () => {
      const now = this.clock.now();
      const token = await this.refreshTokens.findByHash(this.opaqueTokens.hash(input.refreshToken));
      if (!token) return { error: new UnauthorizedError('INVALID_REFRESH_TOKEN', 'Refresh token is invalid') };
      const status = token.statusAt(now);
      if (status === 'expired') return { error: new UnauthorizedError('REFRESH_TOKEN_EXPIRED', 'Refresh token expired') };
      if (status === 'reused' || !(await this.refreshTokens.markRotated(token.id, now))) {
        await this.refreshTokens.revokeFamily(token.familyId, now);
        return { error: new UnauthorizedError('REFRESH_TOKEN_REUSED', 'Refresh token was already used; session revoked') };
      }
      const user = await this.users.findById(token.userId);
      if (!user) return { error: new UnauthorizedError('INVALID_REFRESH_TOKEN', 'Refresh token is invalid') };
      return { session: await this.sessions.issue(user, token.familyId) };
    });
    // Thrown after commit: the family revocation must persist even though the request fails.
    if ('error' in outcome) throw outcome.error;
    return outcome.session;
  }
}
