import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { OpaqueTokens } from '../ports/opaque-tokens.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

type Outcome = { kind: 'rotated'; dto: UserDto } | { kind: 'rejected'; reason: string };

/** Exchanges a refresh token for a new access + refresh pair; the presented token is spent. */
export class RefreshSession {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly sessions: SessionIssuer,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(refreshToken: string): Promise<UserDto> {
    // The family revocation must commit even though the request fails, so the transaction returns
    // a verdict and the error is thrown after it.
    const outcome = await this.unitOfWork.run(async (): Promise<Outcome> => {
      const now = this.clock.now();
      const stored = await this.refreshTokens.findByHash(this.opaqueTokens.hash(refreshToken));
      if (!stored) return { kind: 'rejected', reason: 'refresh token is invalid' };
      const verdict = stored.verdict(now);
      if (verdict === 'expired') return { kind: 'rejected', reason: 'refresh token has expired' };
      if (verdict === 'reused' || !(await this.refreshTokens.markRotated(stored.id, now))) {
        await this.refreshTokens.revokeFamily(stored.familyId, now);
        return { kind: 'rejected', reason: 'refresh token was already used; the session is revoked' };
      }
      const user = await this.users.findById(stored.userId);
      if (!user) return { kind: 'rejected', reason: 'user no longer exists' };
      const session = await this.sessions.issue(user.id, stored.familyId);
      return { kind: 'rotated', dto: toUserDto(user, session.accessToken, session.refreshToken) };
    });
    if (outcome.kind === 'rejected') throw new UnauthenticatedError(outcome.reason);
    return outcome.dto;
  }
}
