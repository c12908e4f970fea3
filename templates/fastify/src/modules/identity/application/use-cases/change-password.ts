import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { NotFoundError, UnauthorizedError } from '../../../../shared/domain/errors.js';
import { assertAcceptablePassword } from '../../domain/value-objects/password-policy.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * A password change ends every session of the user: whoever knew the old password (the reason
 * for changing it, often) must not keep a refresh token that outlives it.
 */
export class ChangePassword {
  constructor(
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal | null, input: ChangePasswordInput): Promise<void> {
    const caller = requireAuthenticated(principal);
    const user = await this.users.findById(caller.userId);
    if (!user) throw new NotFoundError('USER_NOT_FOUND', 'User not found');
    if (!(await this.hasher.verify(input.currentPassword, user.passwordHash))) {
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'Current password is incorrect');
    }
    assertAcceptablePassword(input.newPassword);
    user.changePasswordHash(await this.hasher.hash(input.newPassword));
    await this.unitOfWork.transaction(async () => {
      await this.users.update(user);
      await this.refreshTokens.revokeAllForUser(user.id, this.clock.now());
    });
  }
}
