import type { Viewer } from '../../application/viewer.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hooks; undefined for anonymous requests. */
    viewer: Viewer | undefined;
    /** The raw access token, which the RealWorld user object echoes back. */
    accessToken: string | undefined;
  }
}

/** Resolves an access token to a viewer. */
export interface TokenAuthenticator {
  /** The viewer, or UnauthenticatedError when the token is invalid or expired. */
  verify(token: string): Promise<Viewer>;
  /** The viewer without waiting when the token was verified before and has not expired; else undefined. */
  remembered(token: string): Viewer | undefined;
}
