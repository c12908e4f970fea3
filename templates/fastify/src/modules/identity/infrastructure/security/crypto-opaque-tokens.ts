import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { OpaqueTokens } from '../../application/ports/opaque-tokens.js';

/**
 * 256 random bits need no slow KDF: SHA-256 is enough to make a leaked table useless, and a fast
 * hash keeps the lookup by hash an index hit.
 */
export class CryptoOpaqueTokens implements OpaqueTokens {
  /** `key` is server-side only; without it a successor cannot be computed from a stolen token. */
  constructor(private readonly key: string) {}

  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  successorOf(token: string): string {
    return createHmac('sha256', this.key).update(`refresh-successor:${token}`).digest('base64url');
  }
}
