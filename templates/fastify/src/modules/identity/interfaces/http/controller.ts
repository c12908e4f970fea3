import { created, noContent, ok, type RouteHandler } from '../../../../shared/interfaces/http/http-types.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { ChangePassword } from '../../application/use-cases/change-password.js';
import type { ChangeUserRole } from '../../application/use-cases/change-user-role.js';
import type { GetCurrentUser } from '../../application/use-cases/get-current-user.js';
import type { LogIn } from '../../application/use-cases/log-in.js';
import type { LogOut } from '../../application/use-cases/log-out.js';
import type { RefreshSession } from '../../application/use-cases/refresh-session.js';
import type { RegisterUser } from '../../application/use-cases/register-user.js';
import { changePasswordSchema, changeRoleSchema, credentialsSchema, refreshTokenSchema, userIdParamsSchema } from './schemas.js';

export interface IdentityUseCases {
  registerUser: RegisterUser;
  logIn: LogIn;
  refreshSession: RefreshSession;
  logOut: LogOut;
  getCurrentUser: GetCurrentUser;
  changeUserRole: ChangeUserRole;
  changePassword: ChangePassword;
}

export type IdentityController = Record<'register' | 'logIn' | 'refresh' | 'logOut' | 'me' | 'changeRole' | 'changePassword', RouteHandler>;

/** Thin: parse input, call one use case, shape the response. */
export function identityController(useCases: IdentityUseCases): IdentityController {
  return {
    register: async (req) => created(await useCases.registerUser.execute(parseWith(credentialsSchema, req.body))),
    logIn: async (req) => ok(await useCases.logIn.execute(parseWith(credentialsSchema, req.body))),
    refresh: async (req) => ok(await useCases.refreshSession.execute(parseWith(refreshTokenSchema, req.body))),
    logOut: async (req) => {
      await useCases.logOut.execute(parseWith(refreshTokenSchema, req.body));
      return noContent();
    },
    me: async (req) => ok(await useCases.getCurrentUser.execute(req.principal)),
    changePassword: async (req) => {
      await useCases.changePassword.execute(req.principal, parseWith(changePasswordSchema, req.body));
      return noContent();
    },
    changeRole: async (req) => {
      const { id } = parseWith(userIdParamsSchema, req.params);
      const { role } = parseWith(changeRoleSchema, req.body);
      return ok(await useCases.changeUserRole.execute(req.principal, { userId: id, role }));
    },
  };
}
