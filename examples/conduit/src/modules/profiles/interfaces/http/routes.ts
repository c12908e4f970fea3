import type { FastifyInstance } from 'fastify';
import type { AuthenticationHooks } from '../../../../shared/interfaces/http/authentication.js';
import type { ProfileController } from './controller.js';

export function registerProfileRoutes(app: FastifyInstance, controller: ProfileController, auth: AuthenticationHooks): void {
  app.get('/api/profiles/:username', { preHandler: auth.optionalViewer }, controller.get);
  app.post('/api/profiles/:username/follow', { preHandler: auth.requireViewer }, controller.follow);
  app.delete('/api/profiles/:username/follow', { preHandler: auth.requireViewer }, controller.unfollow);
}
