import type { Viewer } from '../../application/viewer.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hooks; undefined for anonymous requests. */
    viewer: Viewer | undefined;
    /** The raw access token, which the RealWorld user object echoes back. */
    accessToken: string | undefined;
  }
}

/** Resolves an access token to a viewer, or throws UnauthenticatedError. */
export type TokenAuthenticator = (token: string) => Promise<Viewer>;
