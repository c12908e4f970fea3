import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { OpaqueTokens } from '../../application/ports/opaque-tokens.js';

/**
 * 256 random bits cannot be guessed, so a fast hash is enough to make a leaked table useless;
 * a slow KDF here would only slow down every refresh.
 */
export class RandomOpaqueTokens implements OpaqueTokens {
  /** `secret` is the server's signing secret; the derivation is domain-separated from its use for JWTs. */
  constructor(private readonly secret: string) {}

  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  successorOf(token: string): string {
    return createHmac('sha256', this.secret).update(`refresh-token-successor:${token}`).digest('base64url');
  }
}
