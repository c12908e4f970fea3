import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { UnauthenticatedError } from '../../domain/domain-error.js';
import type { Viewer } from '../../application/viewer.js';
import type { TokenAuthenticator } from './http-types.js';

// The RealWorld spec's scheme is `Token`, not `Bearer`.
const TOKEN_SCHEME = /^Token\s+(\S+)$/;

export interface AuthenticationHooks {
  requireViewer: preHandlerAsyncHookHandler;
  optionalViewer: preHandlerAsyncHookHandler;
}

export function createAuthenticationHooks(authenticate: TokenAuthenticator): AuthenticationHooks {
  async function resolve(request: FastifyRequest, required: boolean): Promise<void> {
    const header = request.headers.authorization;
    if (!header) {
      if (required) throw new UnauthenticatedError('authorization header is missing');
      return;
    }
    const match = TOKEN_SCHEME.exec(header);
    if (!match?.[1]) throw new UnauthenticatedError('authorization header must use the Token scheme');
    // A bad token is rejected even on routes where auth is optional: silently treating the caller
    // as anonymous would hide an expired session behind plausible-looking data.
    request.viewer = await authenticate(match[1]);
    request.accessToken = match[1];
  }
  return {
    requireViewer: async (request: FastifyRequest, _reply: FastifyReply) => resolve(request, true),
    optionalViewer: async (request: FastifyRequest, _reply: FastifyReply) => resolve(request, false),
  };
}

/** For handlers behind `requireViewer`: the hook guarantees both are set. */
export function authenticated(request: FastifyRequest): { viewer: Viewer; token: string } {
  if (!request.viewer || !request.accessToken) throw new UnauthenticatedError('authentication required');
  return { viewer: request.viewer, token: request.accessToken };
}
