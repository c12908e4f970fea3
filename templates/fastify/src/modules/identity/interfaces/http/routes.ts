import type { RouteDefinition } from '../../../../shared/interfaces/http/http-types.js';
import { identityController, type IdentityUseCases } from './controller.js';

export function identityRoutes(useCases: IdentityUseCases): RouteDefinition[] {
  const controller = identityController(useCases);
  return [
    { method: 'POST', path: '/auth/register', handler: controller.register, rateLimit: 'auth', public: true },
    { method: 'POST', path: '/auth/login', handler: controller.logIn, rateLimit: 'auth', public: true },
    { method: 'POST', path: '/auth/refresh', handler: controller.refresh, rateLimit: 'auth', public: true },
    { method: 'POST', path: '/auth/logout', handler: controller.logOut, rateLimit: 'auth', public: true },
    { method: 'GET', path: '/users/me', handler: controller.me },
    { method: 'PUT', path: '/users/me/password', handler: controller.changePassword, rateLimit: 'auth' },
    { method: 'PUT', path: '/users/:id/role', handler: controller.changeRole },
  ];
}
