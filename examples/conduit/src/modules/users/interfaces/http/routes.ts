import type { FastifyInstance } from 'fastify';
import type { AuthenticationHooks } from '../../../../shared/interfaces/http/authentication.js';
import type { UserController } from './controller.js';

export interface UserRouteOptions {
  controller: UserController;
  auth: AuthenticationHooks;
  /** Per-route limiter config for credential endpoints, stricter than the global one (guessing, stuffing). */
  credentialRateLimit: { max: number; timeWindow: number };
}

export function registerUserRoutes(app: FastifyInstance, { controller, auth, credentialRateLimit }: UserRouteOptions): void {
  const strict = { config: { rateLimit: credentialRateLimit } };
  app.post('/api/users', strict, controller.register);
  app.post('/api/users/login', strict, controller.logIn);
  // Beyond the spec: rotate a refresh token for a new pair, and end a session.
  app.post('/api/users/refresh', strict, controller.refresh);
  app.post('/api/users/logout', { preHandler: auth.requireViewer }, controller.logOut);
  app.get('/api/user', { preHandler: auth.requireViewer }, controller.current);
  app.put('/api/user', { preHandler: auth.requireViewer }, controller.update);
}
