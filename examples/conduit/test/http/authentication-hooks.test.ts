import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { keepAliveClient } from '../support/keep-alive.js';
import { UnauthenticatedError } from '../../src/shared/domain/domain-error.js';
import { createAuthenticationHooks } from '../../src/shared/interfaces/http/authentication.js';
import { registerErrorHandling } from '../../src/shared/interfaces/http/error-handler.js';
import type { TokenAuthenticator } from '../../src/shared/interfaces/http/http-types.js';
import '../../src/shared/interfaces/http/http-types.js';

/** Knows `good` (verified once, then remembered like the JWT adapter does) and rejects anything else. */
function fakeAuthenticator(): TokenAuthenticator & { verified: string[] } {
  const remembered = new Set<string>();
  const verified: string[] = [];
  return {
    verified,
    remembered: (token) => (remembered.has(token) ? { userId: `user-of-${token}` } : undefined),
    verify: async (token) => {
      verified.push(token);
      if (token !== 'good') throw new UnauthenticatedError('token is invalid');
      remembered.add(token);
      return { userId: `user-of-${token}` };
    },
  };
}

describe('authentication hooks', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  function appWith(authenticator: TokenAuthenticator) {
    const app = Fastify();
    apps.push(app);
    app.decorateRequest('viewer', undefined);
    app.decorateRequest('accessToken', undefined);
    registerErrorHandling(app);
    const order: string[] = [];
    app.addHook('onRequest', (_request, _reply, done) => {
      queueMicrotask(() => order.push('microtask'));
      done();
    });
    const auth = createAuthenticationHooks(authenticator);
    const handler = (request: { viewer?: { userId: string }; accessToken?: string }, reply: { send(body: unknown): unknown }) => {
      order.push('handler');
      void reply.send({ viewer: request.viewer?.userId ?? null, token: request.accessToken ?? null });
    };
    app.get('/optional', { preHandler: auth.optionalViewer }, handler);
    app.get('/required', { preHandler: auth.requireViewer }, handler);
    const get = async (url: string, authorization?: string) => {
      order.length = 0;
      const response = await app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
      return { status: response.statusCode, body: response.json() as unknown };
    };
    return { get, order };
  }

  it('verifies a token once, then knows its viewer in the same tick', async () => {
    const authenticator = fakeAuthenticator();
    const { get, order } = appWith(authenticator);
    expect(await get('/required', 'Token good')).toEqual({ status: 200, body: { viewer: 'user-of-good', token: 'good' } });
    expect(order).toEqual(['microtask', 'handler']);
    expect(await get('/optional', 'Token good')).toEqual({ status: 200, body: { viewer: 'user-of-good', token: 'good' } });
    // No promise between the hook and the handler: the microtask queued before it runs after.
    expect(order).toEqual(['handler', 'microtask']);
    expect(authenticator.verified).toEqual(['good']);
  });

  it('answers 401 for a missing header where required, a wrong scheme and a bad token, even where optional', async () => {
    const { get } = appWith(fakeAuthenticator());
    expect(await get('/optional')).toEqual({ status: 200, body: { viewer: null, token: null } });
    expect(await get('/required')).toEqual({ status: 401, body: { errors: { body: ['authorization header is missing'] } } });
    expect(await get('/optional', 'Bearer good')).toEqual({ status: 401, body: { errors: { body: ['authorization header must use the Token scheme'] } } });
    expect(await get('/optional', 'Token forged')).toEqual({ status: 401, body: { errors: { body: ['token is invalid'] } } });
    expect(await get('/required', 'Token forged')).toEqual({ status: 401, body: { errors: { body: ['token is invalid'] } } });
  });

  it('on a keep-alive connection, still looks every request\'s token up: an expired one is refused on the same connection', async () => {
    const authenticator = fakeAuthenticator();
    const lookups: string[] = [];
    let expired = false;
    const app = Fastify();
    apps.push(app);
    app.decorateRequest('viewer', undefined);
    app.decorateRequest('accessToken', undefined);
    registerErrorHandling(app);
    const auth = createAuthenticationHooks({
      verify: async (token) => {
        if (expired) throw new UnauthenticatedError('token has expired');
        return authenticator.verify(token);
      },
      remembered: (token) => {
        lookups.push(token);
        return expired ? undefined : authenticator.remembered(token);
      },
    });
    app.get('/required', { preHandler: auth.requireViewer }, async (request) => ({ viewer: request.viewer?.userId, token: request.accessToken }));
    const client = keepAliveClient(await app.listen({ host: '127.0.0.1', port: 0 }));
    try {
      const first = await client.get('/required', { authorization: 'Token good' });
      const second = await client.get('/required', { authorization: 'Token good' });
      expect([first.status, second.status, second.reused]).toEqual([200, 200, true]);
      expect(JSON.parse(second.body)).toEqual({ viewer: 'user-of-good', token: 'good' });
      // Another header on the same connection is parsed for itself, scheme check included.
      expect((await client.get('/required', { authorization: 'Bearer good' })).status).toBe(401);
      expect((await client.get('/required', { authorization: 'Token  forged' })).status).toBe(401);
      expect((await client.get('/required', { authorization: 'Token good' })).status).toBe(200);
      expired = true; // the token's expiry passes: the same header on the same connection is refused
      const late = await client.get('/required', { authorization: 'Token good' });
      expect([late.status, late.reused]).toEqual([401, true]);
      expect(lookups).toEqual(['good', 'good', 'forged', 'good', 'good']);
    } finally {
      client.close();
    }
  });
});
