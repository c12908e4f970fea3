import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { EventPublisher } from '../../../../shared/application/ports/event-publisher.js';
import type { FeatureFlags } from '../../../../shared/application/ports/feature-flags.js';
import type { IdGenerator } from '../../../../shared/application/ports/id-generator.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { ConflictError, ForbiddenError } from '../../../../shared/domain/errors.js';
import { User } from '../../domain/entities/user.js';
import { Email } from '../../domain/value-objects/email.js';
import { assertAcceptablePassword } from '../../domain/value-objects/password-policy.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface RegisterUserInput {
  email: string;
  password: string;
}

/** Lets operations close sign-ups during an incident without a deploy. */
export const SELF_REGISTRATION_FLAG = 'identity.self-registration';

export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly flags: FeatureFlags,
    private readonly events: EventPublisher,
    private readonly unitOfWork: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterUserInput): Promise<UserDto> {
    if (!(await this.flags.isEnabled(SELF_REGISTRATION_FLAG, true))) {
      throw new ForbiddenError('REGISTRATION_CLOSED', 'Registration is currently closed');
    }
    const email = Email.create(input.email);
    assertAcceptablePassword(input.password);
    if (await this.users.findByEmail(email)) {
      throw new ConflictError('EMAIL_TAKEN', 'An account with this email already exists');
    }
    const user = User.register({
      id: this.ids.next(),
      email,
      passwordHash: await this.hasher.hash(input.password),
      // Sign-up never grants a role: administrators are made by an operator (`npm run create-admin`).
      role: 'member',
      createdAt: this.clock.now(),
    });
    // The user and its UserRegistered event commit together: a retry after a failure never finds
    // the account created and the event lost.
    await this.unitOfWork.transaction(async () => {
      await this.users.insert(user);
      await this.events.publish(user.pullEvents());
    });
    return toUserDto(user);
  }
}
