import type { Clock } from '../../../shared/application/ports/clock.js';
import type { IdGenerator } from '../../../shared/application/ports/id-generator.js';
import { RefreshToken } from '../domain/entities/refresh-token.js';
import type { User } from '../domain/entities/user.js';
import type { AuthSessionDto } from './dtos/auth-session.dto.js';
import type { AccessTokens } from './ports/access-tokens.js';
import type { OpaqueTokens } from './ports/opaque-tokens.js';
import type { RefreshTokenRepository } from './ports/refresh-token-repository.js';

const DAY_MS = 86_400_000;

/** Issues an access token and a stored refresh token; shared by login and refresh. */
export class SessionIssuer {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly accessTokens: AccessTokens,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly refreshTtlDays: number,
  ) {}

  /** `secret` is given on rotation (the successor derived from the presented token); random on login. */
  async issue(user: User, familyId: string = this.ids.next(), secret: string = this.opaqueTokens.generate()): Promise<AuthSessionDto> {
    const now = this.clock.now();
    const refresh = new RefreshToken({
      id: this.ids.next(),
      familyId,
      userId: user.id,
      tokenHash: this.opaqueTokens.hash(secret),
      expiresAt: new Date(now.getTime() + this.refreshTtlDays * DAY_MS),
      createdAt: now,
      rotatedAt: null,
      revokedAt: null,
    });
    await this.refreshTokens.insert(refresh);
    return this.withAccessToken(user, secret, refresh, now);
  }

  /** A fresh access token beside an already stored refresh token (the grace-window answer). */
  resume(user: User, secret: string, refresh: RefreshToken): Promise<AuthSessionDto> {
    return this.withAccessToken(user, secret, refresh, this.clock.now());
  }

  private async withAccessToken(user: User, secret: string, refresh: RefreshToken, now: Date): Promise<AuthSessionDto> {
    const access = await this.accessTokens.issue({ userId: user.id, roles: [user.role] }, now);
    return {
      tokenType: 'Bearer',
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: secret,
      refreshTokenExpiresAt: refresh.state.expiresAt.toISOString(),
    };
  }
}
