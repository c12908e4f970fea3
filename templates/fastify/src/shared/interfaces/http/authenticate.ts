import type { Principal } from '../../application/principal.js';
import { UnauthorizedError } from '../../domain/errors.js';

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * No header means an anonymous caller (use cases decide whether that is allowed); a header that is
 * present but wrong is always an error, so a broken client is told rather than silently downgraded.
 */
export async function principalFromHeader(header: string | undefined, verify: TokenVerifier): Promise<Principal | null> {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new UnauthorizedError('INVALID_AUTH_HEADER', 'Expected "Authorization: Bearer <token>"');
  }
  return verify(token);
}
