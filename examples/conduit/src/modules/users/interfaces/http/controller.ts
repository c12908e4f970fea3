import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../../../shared/interfaces/http/authentication.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { GetCurrentUser } from '../../application/use-cases/get-current-user.js';
import type { LogIn } from '../../application/use-cases/log-in.js';
import type { LogOut } from '../../application/use-cases/log-out.js';
import type { RefreshSession } from '../../application/use-cases/refresh-session.js';
import type { RegisterUser } from '../../application/use-cases/register-user.js';
import type { UpdateUser } from '../../application/use-cases/update-user.js';
import { loginBody, refreshBody, registerBody, updateUserBody } from './schemas.js';

export interface UserUseCases {
  registerUser: RegisterUser;
  logIn: LogIn;
  getCurrentUser: GetCurrentUser;
  updateUser: UpdateUser;
  refreshSession: RefreshSession;
  logOut: LogOut;
}

/** Parse, call one use case, shape the response: nothing else happens here. */
export class UserController {
  constructor(private readonly useCases: UserUseCases) {}

  register = async (request: FastifyRequest, reply: FastifyReply) => {
    const { user } = parseWith(registerBody, request.body);
    return reply.status(201).send({ user: await this.useCases.registerUser.execute(user) });
  };

  logIn = async (request: FastifyRequest) => {
    const { user } = parseWith(loginBody, request.body);
    return { user: await this.useCases.logIn.execute(user) };
  };

  current = async (request: FastifyRequest) => {
    const { viewer, token } = authenticated(request);
    return { user: await this.useCases.getCurrentUser.execute(viewer, token) };
  };

  update = async (request: FastifyRequest) => {
    const { viewer, token } = authenticated(request);
    const { user } = parseWith(updateUserBody, request.body);
    return { user: await this.useCases.updateUser.execute(viewer, user, token) };
  };

  refresh = async (request: FastifyRequest) => {
    const { refreshToken } = parseWith(refreshBody, request.body);
    return { user: await this.useCases.refreshSession.execute(refreshToken) };
  };

  logOut = async (request: FastifyRequest, reply: FastifyReply) => {
    const { viewer } = authenticated(request);
    const { refreshToken } = parseWith(refreshBody, request.body);
    await this.useCases.logOut.execute(viewer, refreshToken);
    return reply.status(204).send();
  };
}
