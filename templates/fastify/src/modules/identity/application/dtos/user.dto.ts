import type { User } from '../../domain/entities/user.js';

/** What leaves the service about a user: never the password hash. */
export interface UserDto {
  id: string;
  email: string;
  role: string;
  createdAt: string;
}

export function toUserDto(user: User): UserDto {
  return { id: user.id, email: user.email.value, role: user.role, createdAt: user.createdAt.toISOString() };
}
