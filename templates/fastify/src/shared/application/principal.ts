import { ForbiddenError, UnauthorizedError } from '../domain/errors.js';
import type { Role } from '../domain/role.js';

/** Who is calling. Built by the HTTP layer from a verified access token and handed to use cases. */
export interface Principal {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** RBAC lives in use cases: every entry point that needs a role states it here, not in a route. */
export function requireAuthenticated(principal: Principal | null): Principal {
  if (!principal) throw new UnauthorizedError('AUTH_REQUIRED', 'Authentication required');
  return principal;
}

export function requireRole(principal: Principal | null, role: Role): Principal {
  const caller = requireAuthenticated(principal);
  if (!caller.roles.includes(role)) {
    throw new ForbiddenError('FORBIDDEN', `Requires role "${role}"`);
  }
  return caller;
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}
