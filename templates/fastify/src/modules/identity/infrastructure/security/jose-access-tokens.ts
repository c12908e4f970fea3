import { errors, jwtVerify, SignJWT } from 'jose';
import type { Principal } from '../../../../shared/application/principal.js';
import { UnauthorizedError } from '../../../../shared/domain/errors.js';
import { parseRole } from '../../../../shared/domain/role.js';
import type { AccessTokens, IssuedAccessToken } from '../../application/ports/access-tokens.js';

export interface JoseAccessTokenOptions {
  secret: string;
  issuer: string;
  ttlSeconds: number;
}

/** Short-lived HS256 JWTs: stateless to verify, and a stolen one is useful for minutes only. */
export class JoseAccessTokens implements AccessTokens {
  private readonly key: Uint8Array;

  constructor(private readonly options: JoseAccessTokenOptions) {
    this.key = new TextEncoder().encode(options.secret);
  }

  async issue(principal: Principal, now: Date): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.options.ttlSeconds;
    const token = await new SignJWT({ roles: principal.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.userId)
      .setIssuer(this.options.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.options.issuer, algorithms: ['HS256'] });
      const roles = Array.isArray(payload.roles) ? payload.roles.map((role) => parseRole(String(role))) : [];
      if (!payload.sub) throw new UnauthorizedError('INVALID_TOKEN', 'Access token has no subject');
      return { userId: payload.sub, roles };
    } catch (error) {
      if (error instanceof UnauthorizedError) throw error;
      const expired = error instanceof errors.JWTExpired;
      throw new UnauthorizedError(expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', expired ? 'Access token expired' : 'Access token is invalid');
    }
  }
}
