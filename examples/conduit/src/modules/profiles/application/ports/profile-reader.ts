import type { ProfileDto } from '../dtos/profile.dto.js';

export interface ProfileRecord {
  userId: string;
  profile: ProfileDto;
}

export interface ProfileReader {
  /** The profile as seen by `viewerId` (`following` is false for anonymous viewers). */
  findByUsername(username: string, viewerId: string | undefined): Promise<ProfileRecord | undefined>;
}
