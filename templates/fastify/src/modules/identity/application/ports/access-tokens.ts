import type { Principal } from '../../../../shared/application/principal.js';

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

export interface AccessTokens {
  issue(principal: Principal, now: Date): Promise<IssuedAccessToken>;
  /** Throws UnauthorizedError for a bad signature, issuer or expiry. */
  verify(token: string): Promise<Principal>;
}
