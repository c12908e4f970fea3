import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { normalizeEmail } from '../../domain/value-objects/email.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { SessionIssuer } from '../session-issuer.js';

export interface LogInInput {
  email: string;
  password: string;
}

export class LogIn {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly unitOfWork: UnitOfWork,
    /** A real hash of a throwaway password: unknown emails cost the same time as wrong passwords. */
    private readonly decoyHash: string,
  ) {}

  async execute(input: LogInInput): Promise<UserDto> {
    const user = await this.users.findByEmail(normalizeEmail(input.email));
    const valid = await this.hasher.verify(input.password, user?.passwordHash ?? this.decoyHash);
    if (!user || !valid) throw new UnauthenticatedError('email or password is invalid');
    const session = await this.unitOfWork.run(() => this.sessions.issue(user.id));
    return toUserDto(user, session.accessToken, session.refreshToken);
  }
}
