import type { PasswordHasher } from '../../modules/identity/application/ports/password-hasher.js';
import { SessionIssuer } from '../../modules/identity/application/session-issuer.js';
import { ChangePassword } from '../../modules/identity/application/use-cases/change-password.js';
import { ChangeUserRole } from '../../modules/identity/application/use-cases/change-user-role.js';
import { GetCurrentUser } from '../../modules/identity/application/use-cases/get-current-user.js';
import { LogIn } from '../../modules/identity/application/use-cases/log-in.js';
import { LogOut } from '../../modules/identity/application/use-cases/log-out.js';
import { PurgeSpentRefreshTokens } from '../../modules/identity/application/use-cases/purge-spent-refresh-tokens.js';
import { RefreshSession } from '../../modules/identity/application/use-cases/refresh-session.js';
import { RegisterUser } from '../../modules/identity/application/use-cases/register-user.js';
import { DrizzleRefreshTokenRepository } from '../../modules/identity/infrastructure/repositories/drizzle-refresh-token-repository.js';
import { DrizzleUserRepository } from '../../modules/identity/infrastructure/repositories/drizzle-user-repository.js';
import { CryptoOpaqueTokens } from '../../modules/identity/infrastructure/security/crypto-opaque-tokens.js';
import type { JoseAccessTokens } from '../../modules/identity/infrastructure/security/jose-access-tokens.js';
import { identityRoutes } from '../../modules/identity/interfaces/http/routes.js';
import type { Kernel, ModuleWiring } from '../kernel.js';
// strata:imports

const PURGE_INTERVAL_MS = 3_600_000;

export function wireIdentity(kernel: Kernel, accessTokens: JoseAccessTokens, hasher: PasswordHasher): ModuleWiring {
  const { config, db, clock, ids } = kernel;
  const users = new DrizzleUserRepository(db);
  const refreshTokens = new DrizzleRefreshTokenRepository(db);
  const opaqueTokens = new CryptoOpaqueTokens(config.JWT_SECRET);
  const sessions = new SessionIssuer(refreshTokens, accessTokens, opaqueTokens, ids, clock, config.REFRESH_TOKEN_TTL_DAYS);
  // strata:repositories
  // strata:use-cases
  const routes = identityRoutes({
    registerUser: new RegisterUser(users, hasher, kernel.flags, kernel.events, db, ids, clock),
    logIn: new LogIn(users, hasher, sessions),
    refreshSession: new RefreshSession(refreshTokens, users, opaqueTokens, sessions, db, clock, config.REFRESH_REUSE_GRACE_SECONDS * 1000),
    logOut: new LogOut(refreshTokens, opaqueTokens, clock),
    getCurrentUser: new GetCurrentUser(users),
    changeUserRole: new ChangeUserRole(users),
    changePassword: new ChangePassword(users, refreshTokens, hasher, db, clock),
  });
  // strata:routes
  const purge = new PurgeSpentRefreshTokens(refreshTokens, clock);
  const purging = setInterval(() => {
    purge.execute().catch((error: unknown) => kernel.logger.warn({ err: error }, 'refresh-token purge failed; next run in an hour'));
  }, PURGE_INTERVAL_MS).unref();
  return { routes, stop: async () => clearInterval(purging) };
}
