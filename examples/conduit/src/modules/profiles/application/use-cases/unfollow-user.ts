import type { ReadInvalidation } from '../../../../shared/application/read-cache.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { NotFoundError } from '../../../../shared/domain/domain-error.js';
import type { ProfileDto } from '../dtos/profile.dto.js';
import type { FollowRepository } from '../ports/follow-repository.js';
import type { ProfileReader } from '../ports/profile-reader.js';

export class UnfollowUser {
  constructor(
    private readonly profiles: ProfileReader,
    private readonly follows: FollowRepository,
    private readonly reads: ReadInvalidation,
  ) {}

  async execute(viewer: Viewer, username: string): Promise<ProfileDto> {
    const target = await this.profiles.findByUsername(username, viewer.userId);
    if (!target) throw new NotFoundError('profile not found');
    await this.follows.remove(viewer.userId, target.userId);
    await this.reads.viewerChanged(viewer.userId);
    return { ...target.profile, following: false };
  }
}
