import { errors, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { AccessTokens } from '../../application/ports/access-tokens.js';

const ISSUER = 'conduit';
const AUDIENCE = 'conduit-api';

/** HS256 JWTs with a short lifetime; the algorithm is pinned on verify so `none` or RS/HS confusion cannot pass. */
export class JoseAccessTokens implements AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(userId: string): Promise<string> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock.now(),
      });
      if (!payload.sub) throw new UnauthenticatedError('token has no subject');
      return payload.sub;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('token has expired');
      if (error instanceof errors.JOSEError) throw new UnauthenticatedError('token is invalid');
      throw error;
    }
  }
}
