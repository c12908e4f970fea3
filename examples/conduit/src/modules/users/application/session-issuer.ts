import type { Clock } from '../../../shared/application/ports/clock.js';
import type { IdGenerator } from '../../../shared/application/ports/id-generator.js';
import { RefreshToken } from '../domain/entities/refresh-token.js';
import type { AccessTokens } from './ports/access-tokens.js';
import type { OpaqueTokens } from './ports/opaque-tokens.js';
import type { RefreshTokenRepository } from './ports/refresh-token-repository.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
}

/** Issues a short-lived access token with a stored, rotating refresh token; shared by login, register and refresh. */
export class SessionIssuer {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly refreshTtlDays: number,
  ) {}

  /**
   * Starts a new family (login, register) or continues one (rotation, with the presented token's
   * derived successor). Call inside a unit of work.
   */
  async issue(userId: string, familyId: string = this.ids.next(), refreshToken: string = this.opaqueTokens.generate()): Promise<Session> {
    await this.refreshTokens.add(
      RefreshToken.issue({
        id: this.ids.next(),
        familyId,
        userId,
        tokenHash: this.opaqueTokens.hash(refreshToken),
        now: this.clock.now(),
        ttlDays: this.refreshTtlDays,
      }),
    );
    return { accessToken: await this.accessTokens.issue(userId), refreshToken };
  }

  /** An access token alone, for a refresh repeated within its grace window (the refresh token exists already). */
  accessTokenFor(userId: string): Promise<string> {
    return this.accessTokens.issue(userId);
  }
}
