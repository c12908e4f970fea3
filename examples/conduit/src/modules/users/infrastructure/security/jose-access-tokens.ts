import { errors, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { AccessTokens } from '../../application/ports/access-tokens.js';

const ISSUER = 'conduit';
const AUDIENCE = 'conduit-api';

/** Verified tokens remembered at most; a client holds one token for its lifetime, so this is about that many active clients. */
const MAX_REMEMBERED_TOKENS = 10_000;

/** HS256 JWTs with a short lifetime; the algorithm is pinned on verify so `none` or RS/HS confusion cannot pass. */
export class JoseAccessTokens implements AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Tokens that passed verification, with their subject and expiry. A client sends the same token
   * on every request until it expires, and checking its HMAC through WebCrypto was the largest cost
   * of a signed-in cached read (profiled: about a third of its CPU). The same bytes verify the same
   * way every time; only the clock moves, so a remembered token is still checked for expiry.
   * Only verified tokens get in, so made-up tokens cannot fill it.
   */
  private readonly verified = new Map<string, { subject: string; expiresAtMs: number }>();

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
    const remembered = this.verifiedBefore(token);
    if (remembered !== undefined) return remembered;
    const { subject, expiresAtMs } = await this.verifySignature(token);
    if (this.verified.size >= MAX_REMEMBERED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { subject, expiresAtMs });
    return subject;
  }

  verifiedBefore(token: string): string | undefined {
    const remembered = this.verified.get(token);
    if (!remembered) return undefined;
    if (this.clock.nowMs() < remembered.expiresAtMs) return remembered.subject;
    this.verified.delete(token);
    return undefined;
  }

  private async verifySignature(token: string): Promise<{ subject: string; expiresAtMs: number }> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock.now(),
      });
      if (!payload.sub) throw new UnauthenticatedError('token has no subject');
      if (payload.exp === undefined) throw new UnauthenticatedError('token has no expiry');
      return { subject: payload.sub, expiresAtMs: payload.exp * 1000 };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('token has expired');
      if (error instanceof errors.JOSEError) throw new UnauthenticatedError('token is invalid');
      throw error;
    }
  }
}
