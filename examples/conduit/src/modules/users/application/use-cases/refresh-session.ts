import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';
import type { RefreshToken } from '../../domain/entities/refresh-token.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { OpaqueTokens } from '../ports/opaque-tokens.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

type Outcome = { kind: 'rotated'; dto: UserDto } | { kind: 'rejected'; reason: string };

/**
 * Exchanges a refresh token for a new access + refresh pair; the presented token is spent. A repeat
 * within `graceSeconds` of the rotation (two tabs, a network retry, a lost response) gets the same
 * successor back; any later reuse is treated as theft and revokes the whole family.
 */
export class RefreshSession {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly sessions: SessionIssuer,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly graceSeconds: number,
  ) {}

  async execute(refreshToken: string): Promise<UserDto> {
    // The family revocation must commit even though the request fails, so the transaction returns
    // a verdict and the error is thrown after it.
    const outcome = await this.unitOfWork.run(async (): Promise<Outcome> => {
      const now = this.clock.now();
      const tokenHash = this.opaqueTokens.hash(refreshToken);
      let stored = await this.refreshTokens.findByHash(tokenHash);
      if (!stored) return { kind: 'rejected', reason: 'refresh token is invalid' };
      const verdict = stored.verdict(now);
      if (verdict === 'expired') return { kind: 'rejected', reason: 'refresh token has expired' };
      const successor = this.opaqueTokens.successorOf(refreshToken);
      if (verdict === 'usable') {
        if (await this.refreshTokens.markRotated(stored.id, now)) return this.rotate(stored, successor);
        // A concurrent refresh with the same token won the compare-and-set: read what it committed.
        stored = (await this.refreshTokens.findByHash(tokenHash)) ?? stored;
      }
      if (stored.rotatedWithin(now, this.graceSeconds)) {
        const repeated = await this.repeat(stored, successor, now);
        if (repeated) return repeated;
      }
      await this.refreshTokens.revokeFamily(stored.familyId, now);
      return { kind: 'rejected', reason: 'refresh token was already used; the session is revoked' };
    });
    if (outcome.kind === 'rejected') throw new UnauthenticatedError(outcome.reason);
    return outcome.dto;
  }

  private async rotate(stored: RefreshToken, successor: string): Promise<Outcome> {
    const user = await this.users.findById(stored.userId);
    if (!user) return { kind: 'rejected', reason: 'user no longer exists' };
    const session = await this.sessions.issue(user.id, stored.familyId, successor);
    return { kind: 'rotated', dto: toUserDto(user, session.accessToken, session.refreshToken) };
  }

  /** The same successor again, with a fresh access token, as long as that successor is itself unspent. */
  private async repeat(stored: RefreshToken, successor: string, now: Date): Promise<Outcome | undefined> {
    const next = await this.refreshTokens.findByHash(this.opaqueTokens.hash(successor));
    if (!next || next.familyId !== stored.familyId || next.verdict(now) !== 'usable') return undefined;
    const user = await this.users.findById(stored.userId);
    if (!user) return { kind: 'rejected', reason: 'user no longer exists' };
    return { kind: 'rotated', dto: toUserDto(user, await this.sessions.accessTokenFor(user.id), successor) };
  }
}
