import { UnauthorizedError } from '../../../../shared/domain/errors.js';
import { Email } from '../../domain/value-objects/email.js';
import type { AuthSessionDto } from '../dtos/auth-session.dto.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

export interface LogInInput {
  email: string;
  password: string;
}

const INVALID_CREDENTIALS = () => new UnauthorizedError('INVALID_CREDENTIALS', 'Email or password is incorrect');

export class LogIn {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(input: LogInInput): Promise<AuthSessionDto> {
    const user = await this.users.findByEmail(Email.create(input.email));
    if (!user) {
      // Spend the same KDF time as a real check, so response time does not reveal which emails exist.
      await this.hasher.hash(input.password);
      throw INVALID_CREDENTIALS();
    }
    if (!(await this.hasher.verify(input.password, user.passwordHash))) throw INVALID_CREDENTIALS();
    return this.sessions.issue(user);
  }
}
