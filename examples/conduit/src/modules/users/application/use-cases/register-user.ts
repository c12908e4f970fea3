import type { TransactionalEvents } from '../../../../shared/application/events/domain-events.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { IdGenerator } from '../../../../shared/application/ports/id-generator.js';
import { User } from '../../domain/entities/user.js';
import { assertAcceptablePassword } from '../../domain/value-objects/password-policy.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

export interface RegisterUserInput {
  username: string;
  email: string;
  password: string;
}

export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly transaction: TransactionalEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterUserInput): Promise<UserDto> {
    assertAcceptablePassword(input.password);
    // Hash outside the transaction: scrypt takes tens of milliseconds and must not hold a connection.
    const passwordHash = await this.hasher.hash(input.password);
    return this.transaction.run(async (publish) => {
      const user = User.register({ id: this.ids.next(), email: input.email, username: input.username, passwordHash, now: this.clock.now() });
      await this.users.add(user);
      await publish(user.pullEvents());
      const session = await this.sessions.issue(user.id);
      return toUserDto(user, session.accessToken, session.refreshToken);
    });
  }
}
