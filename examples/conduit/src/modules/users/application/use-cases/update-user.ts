import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';
import type { ProfileChanges } from '../../domain/entities/user.js';
import { assertAcceptablePassword } from '../../domain/value-objects/password-policy.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { RefreshTokenRepository } from '../ports/refresh-token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

export interface UpdateUserInput extends ProfileChanges {
  password?: string;
}

export class UpdateUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly sessions: SessionIssuer,
    private readonly transaction: TransactionalEvents,
    private readonly clock: Clock,
  ) {}

  /** Users may only change their own account: the target is always the authenticated viewer. */
  async execute(viewer: Viewer, input: UpdateUserInput, token: string): Promise<UserDto> {
    const { password, ...profile } = input;
    let passwordHash: string | undefined;
    if (password !== undefined) {
      assertAcceptablePassword(password);
      passwordHash = await this.hasher.hash(password);
    }
    return this.transaction.run(async (publish) => {
      const user = await this.users.findById(viewer.userId);
      if (!user) throw new UnauthenticatedError('user no longer exists');
      const now = this.clock.now();
      user.update(profile, now);
      if (passwordHash) user.changePasswordHash(passwordHash, now);
      await this.users.save(user);
      await publish(user.pullEvents());
      if (!passwordHash) return toUserDto(user, token);
      // A new password ends every session (a thief's included); the device that changed it gets a fresh one.
      await this.refreshTokens.revokeAllForUser(user.id, now);
      const session = await this.sessions.issue(user.id);
      return toUserDto(user, session.accessToken, session.refreshToken);
    });
  }
}
