import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { toUserDto, type UserDto } from '../dtos/user.dto.js';
import type { UserRepository } from '../ports/user-repository.js';

export class GetCurrentUser {
  constructor(private readonly users: UserRepository) {}

  /** `token` is the access token the request carried; the spec echoes it back in the user object. */
  async execute(viewer: Viewer, token: string): Promise<UserDto> {
    const user = await this.users.findById(viewer.userId);
    // A valid token for a deleted account is an authentication failure, not a missing resource.
    if (!user) throw new UnauthenticatedError('user no longer exists');
    return toUserDto(user, token);
  }
}
