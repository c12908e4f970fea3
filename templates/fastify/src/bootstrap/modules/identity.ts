import type { PasswordHasher } from '../../modules/identity/application/ports/password-hasher.js';
import { SessionIssuer } from '../../modules/identity/application/session-issuer.js';
import { ChangeUserRole } from '../../modules/identity/application/use-cases/change-user-role.js';
import { GetCurrentUser } from '../../modules/identity/application/use-cases/get-current-user.js';
import { LogIn } from '../../modules/identity/application/use-cases/log-in.js';
import { LogOut } from '../../modules/identity/application/use-cases/log-out.js';
import { RefreshSession } from '../../modules/identity/application/use-cases/refresh-session.js';
import { RegisterUser } from '../../modules/identity/application/use-cases/register-user.js';
import { DrizzleRefreshTokenRepository } from '../../modules/identity/infrastructure/repositories/drizzle-refresh-token-repository.js';
import { DrizzleUserRepository } from '../../modules/identity/infrastructure/repositories/drizzle-user-repository.js';
import { CryptoOpaqueTokens } from '../../modules/identity/infrastructure/security/crypto-opaque-tokens.js';
import type { JoseAccessTokens } from '../../modules/identity/infrastructure/security/jose-access-tokens.js';
import { identityRoutes } from '../../modules/identity/interfaces/http/routes.js';
import type { Kernel, ModuleWiring } from '../kernel.js';
// strata:imports

export function wireIdentity(kernel: Kernel, accessTokens: JoseAccessTokens, hasher: PasswordHasher): ModuleWiring {
  const { config, db, clock, ids } = kernel;
  const users = new DrizzleUserRepository(db);
  const refreshTokens = new DrizzleRefreshTokenRepository(db);
  const opaqueTokens = new CryptoOpaqueTokens();
  const sessions = new SessionIssuer(refreshTokens, accessTokens, opaqueTokens, ids, clock, config.REFRESH_TOKEN_TTL_DAYS);
  // strata:repositories
  // strata:use-cases
  const routes = identityRoutes({
    registerUser: new RegisterUser(users, hasher, kernel.flags, kernel.events, ids, clock, config.ADMIN_EMAILS),
    logIn: new LogIn(users, hasher, sessions),
    refreshSession: new RefreshSession(refreshTokens, users, opaqueTokens, sessions, db, clock),
    logOut: new LogOut(refreshTokens, opaqueTokens, clock),
    getCurrentUser: new GetCurrentUser(users),
    changeUserRole: new ChangeUserRole(users),
  });
  // strata:routes
  return { routes };
}
