import { createHash, randomBytes } from 'node:crypto';
import type { OpaqueTokens } from '../../application/ports/opaque-tokens.js';

/**
 * 256 random bits need no slow KDF: SHA-256 is enough to make a leaked table useless, and a fast
 * hash keeps the lookup by hash an index hit.
 */
export class CryptoOpaqueTokens implements OpaqueTokens {
  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }
}
