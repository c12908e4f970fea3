import type { FastifyRequest, HookHandlerDoneFunction, preHandlerHookHandler } from 'fastify';
import { UnauthenticatedError } from '../../domain/domain-error.js';
import type { Viewer } from '../../application/viewer.js';
import type { TokenAuthenticator } from './http-types.js';

// The RealWorld spec's scheme is `Token`, not `Bearer`.
const TOKEN_SCHEME = /^Token\s+(\S+)$/;

export interface AuthenticationHooks {
  requireViewer: preHandlerHookHandler;
  optionalViewer: preHandlerHookHandler;
}

/**
 * Callback hooks, not async ones: a client sends the same token until it expires, so nearly every
 * request carries a token this process verified before, and the viewer is known at once. An async
 * hook would still cost a promise and a microtask per request, and move the rest of the request to a
 * later microtask; only a token seen for the first time waits for its signature check.
 */
export function createAuthenticationHooks(authenticate: TokenAuthenticator): AuthenticationHooks {
  /**
   * Per connection, the last Authorization header and the token in it. A keep-alive client sends the
   * same header on every request, and the same header always carries the same token: comparing the
   * header with the last one (one memcmp) replaces the scheme's regular expression and a fresh token
   * string, which the remembered-token lookup would hash again (together about 4,000 instructions
   * per signed-in request under callgrind). Only the parsing is skipped: the token is still looked
   * up and its expiry checked on every request.
   */
  const lastHeaderOf = new WeakMap<object, { header: string; token: string | undefined }>();
  function tokenOf(request: FastifyRequest, header: string): string | undefined {
    const connection = request.raw.socket as object | null | undefined;
    const last = connection ? lastHeaderOf.get(connection) : undefined;
    if (last !== undefined && last.header === header) return last.token;
    const token = TOKEN_SCHEME.exec(header)?.[1];
    if (connection) lastHeaderOf.set(connection, { header, token });
    return token;
  }

  function resolve(request: FastifyRequest, required: boolean, done: HookHandlerDoneFunction): void {
    const header = request.headers.authorization;
    if (!header) {
      done(required ? new UnauthenticatedError('authorization header is missing') : undefined);
      return;
    }
    const token = tokenOf(request, header);
    if (!token) {
      done(new UnauthenticatedError('authorization header must use the Token scheme'));
      return;
    }
    // A bad token is rejected even on routes where auth is optional: silently treating the caller
    // as anonymous would hide an expired session behind plausible-looking data.
    const remembered = authenticate.remembered(token);
    if (remembered) {
      request.viewer = remembered;
      request.accessToken = token;
      done();
      return;
    }
    authenticate.verify(token).then(
      (viewer) => {
        request.viewer = viewer;
        request.accessToken = token;
        done();
      },
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }
  return {
    requireViewer: (request, _reply, done) => resolve(request, true, done),
    optionalViewer: (request, _reply, done) => resolve(request, false, done),
  };
}

/** For handlers behind `requireViewer`: the hook guarantees both are set. */
export function authenticated(request: FastifyRequest): { viewer: Viewer; token: string } {
  if (!request.viewer || !request.accessToken) throw new UnauthenticatedError('authentication required');
  return { viewer: request.viewer, token: request.accessToken };
}
