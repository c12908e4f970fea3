import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { UnauthorizedError } from '../../../../shared/domain/errors.js';
import type { RefreshToken } from '../../domain/entities/refresh-token.js';
import type { AuthSessionDto } from '../dtos/auth-session.dto.js';
import type { OpaqueTokens } from '../ports/opaque-tokens.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

export interface RefreshSessionInput {
  refreshToken: string;
}

type Outcome = { session: AuthSessionDto } | { error: UnauthorizedError };

const INVALID = () => ({ error: new UnauthorizedError('INVALID_REFRESH_TOKEN', 'Refresh token is invalid') });

/**
 * Rotation with reuse detection: each refresh token works once. Presenting one that was already
 * rotated revokes its whole family, logging out both the thief and the victim, who signs in again.
 * Within a short grace window after rotation, the same token yields the same successor instead:
 * two tabs or a network retry refreshing at once are not an attack.
 */
export class RefreshSession {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly sessions: SessionIssuer,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly graceMs: number,
  ) {}

  async execute(input: RefreshSessionInput): Promise<AuthSessionDto> {
    const outcome = await this.unitOfWork.transaction(() => this.rotate(input.refreshToken));
    // Thrown after commit: the family revocation must persist even though the request fails.
    if ('error' in outcome) throw outcome.error;
    return outcome.session;
  }

  private async rotate(presented: string): Promise<Outcome> {
    const now = this.clock.now();
    const hash = this.opaqueTokens.hash(presented);
    const token = await this.refreshTokens.findByHash(hash);
    if (!token) return INVALID();
    const status = token.statusAt(now);
    if (status === 'expired') return { error: new UnauthorizedError('REFRESH_TOKEN_EXPIRED', 'Refresh token expired') };
    // An active token is rotated by compare-and-set. Losing it means a concurrent refresh rotated
    // the token first: read it again and treat it like one rotated moments ago.
    const wonRotation = status === 'active' && (await this.refreshTokens.markRotated(token.id, now));
    if (wonRotation) {
      const user = await this.users.findById(token.userId);
      if (!user) return INVALID();
      return { session: await this.sessions.issue(user, token.familyId, this.opaqueTokens.successorOf(presented)) };
    }
    const current = status === 'active' ? await this.refreshTokens.findByHash(hash) : token;
    if (current && current.rotatedWithin(now, this.graceMs)) {
      const resumed = await this.resumeSuccessor(presented, current, now);
      if (resumed) return resumed;
    }
    await this.refreshTokens.revokeFamily(token.familyId, now);
    return { error: new UnauthorizedError('REFRESH_TOKEN_REUSED', 'Refresh token was already used; session revoked') };
  }

  /** The successor the first refresh stored, if it is still the live end of the family. */
  private async resumeSuccessor(presented: string, token: RefreshToken, now: Date): Promise<Outcome | undefined> {
    const secret = this.opaqueTokens.successorOf(presented);
    const successor = await this.refreshTokens.findByHash(this.opaqueTokens.hash(secret));
    if (!successor || successor.familyId !== token.familyId || successor.statusAt(now) !== 'active') return undefined;
    const user = await this.users.findById(token.userId);
    return user ? { session: await this.sessions.resume(user, secret, successor) } : undefined;
  }
}
