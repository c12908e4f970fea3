import { requireRole, type Principal } from '../../../../shared/application/principal.js';
import { DomainRuleError, NotFoundError } from '../../../../shared/domain/errors.js';
import { parseRole } from '../../../../shared/domain/role.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface ChangeUserRoleInput {
  userId: string;
  role: string;
}

export class ChangeUserRole {
  constructor(private readonly users: UserRepository) {}

  async execute(principal: Principal | null, input: ChangeUserRoleInput): Promise<UserDto> {
    const admin = requireRole(principal, 'admin');
    const role = parseRole(input.role);
    // An admin demoting themselves could leave the service with no administrator at all.
    if (admin.userId === input.userId && role !== 'admin') {
      throw new DomainRuleError('CANNOT_DEMOTE_SELF', 'Administrators cannot remove their own admin role');
    }
    const user = await this.users.findById(input.userId);
    if (!user) throw new NotFoundError('USER_NOT_FOUND', 'User not found');
    user.changeRole(role);
    await this.users.update(user);
    return toUserDto(user);
  }
}
