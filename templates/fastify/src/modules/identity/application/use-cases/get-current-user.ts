import { requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { NotFoundError } from '../../../../shared/domain/errors.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { UserRepository } from '../ports/user-repository.js';

export class GetCurrentUser {
  constructor(private readonly users: UserRepository) {}

  async execute(principal: Principal | null): Promise<UserDto> {
    const caller = requireAuthenticated(principal);
    const user = await this.users.findById(caller.userId);
    if (!user) throw new NotFoundError('USER_NOT_FOUND', 'User not found');
    return toUserDto(user);
  }
}
