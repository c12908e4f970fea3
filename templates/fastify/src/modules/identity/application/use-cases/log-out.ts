import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { OpaqueTokens } from '../ports/opaque-tokens.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';

export interface LogOutInput {
  refreshToken: string;
}

/** Revokes the session family. Idempotent: an unknown token is not an error, there is nothing left to end. */
export class LogOut {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly opaqueTokens: OpaqueTokens,
    private readonly clock: Clock,
  ) {}

  async execute(input: LogOutInput): Promise<void> {
    const token = await this.refreshTokens.findByHash(this.opaqueTokens.hash(input.refreshToken));
    if (token) await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
  }
}
