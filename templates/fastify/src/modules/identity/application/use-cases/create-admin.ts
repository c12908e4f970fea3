import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { EventPublisher } from '../../../../shared/application/ports/event-publisher.js';
import type { IdGenerator } from '../../../../shared/application/ports/id-generator.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { ConflictError, ValidationError } from '../../../../shared/domain/errors.js';
import { User } from '../../domain/entities/user.js';
import { Email } from '../../domain/value-objects/email.js';
import { assertAcceptablePassword } from '../../domain/value-objects/password-policy.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface CreateAdminInput {
  email: string;
  /** Creates the account; refused when one already has this email (promote it without a password). */
  password?: string | undefined;
}

/**
 * How administrators come to exist: run by an operator with database access (`npm run
 * create-admin`), never reachable over HTTP, so no request can claim an admin address.
 */
export class CreateAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly events: EventPublisher,
    private readonly unitOfWork: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: CreateAdminInput): Promise<{ created: boolean; user: UserDto }> {
    const email = Email.create(input.email);
    if (input.password !== undefined) assertAcceptablePassword(input.password);
    const passwordHash = input.password === undefined ? undefined : await this.hasher.hash(input.password);
    return this.unitOfWork.transaction(async () => {
      const existing = await this.users.findByEmail(email);
      if (existing) {
        // A password means "create my account": if someone signed up with this address first, the
        // operator's password would be ignored and the squatter promoted. Promoting an existing
        // account is its own deliberate act, without a password.
        if (input.password !== undefined) {
          throw new ConflictError('ACCOUNT_EXISTS', `An account with the email ${email.value} already exists; check whose it is, then promote it without ADMIN_PASSWORD`);
        }
        existing.changeRole('admin');
        await this.users.update(existing);
        return { created: false, user: toUserDto(existing) };
      }
      if (passwordHash === undefined) {
        throw new ValidationError('PASSWORD_REQUIRED', `No account has the email ${email.value}; set ADMIN_PASSWORD to create it`);
      }
      const user = User.register({ id: this.ids.next(), email, passwordHash, role: 'admin', createdAt: this.clock.now() });
      await this.users.insert(user);
      await this.events.publish(user.pullEvents());
      return { created: true, user: toUserDto(user) };
    });
  }
}
