import type { User } from '../../domain/entities/user.js';

/** The RealWorld `user` object, plus the refresh token when a session was just started or rotated. */
export interface UserDto {
  email: string;
  token: string;
  username: string;
  bio: string | null;
  image: string | null;
  refreshToken?: string;
}

export function toUserDto(user: User, token: string, refreshToken?: string): UserDto {
  const state = user.snapshot();
  const dto: UserDto = { email: state.email, token, username: state.username, bio: state.bio, image: state.image };
  if (refreshToken !== undefined) dto.refreshToken = refreshToken;
  return dto;
}
