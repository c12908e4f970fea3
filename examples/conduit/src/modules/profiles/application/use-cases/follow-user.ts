import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { ReadInvalidation } from '../../../../shared/application/read-cache.js';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { NotFoundError } from '../../../../shared/domain/domain-error.js';
import { Follow } from '../../domain/entities/follow.js';
import type { ProfileDto } from '../dtos/profile.dto.js';
import type { FollowRepository } from '../ports/follow-repository.js';
import type { ProfileReader } from '../ports/profile-reader.js';

export class FollowUser {
  constructor(
    private readonly profiles: ProfileReader,
    private readonly follows: FollowRepository,
    private readonly clock: Clock,
    private readonly reads: ReadInvalidation,
  ) {}

  async execute(viewer: Viewer, username: string): Promise<ProfileDto> {
    const target = await this.profiles.findByUsername(username, viewer.userId);
    if (!target) throw new NotFoundError('profile not found');
    await this.follows.add(Follow.between(viewer.userId, target.userId, this.clock.now()));
    // The follower's feed and `following` flags change; awaited so their next read sees it.
    await this.reads.viewerChanged(viewer.userId);
    return { ...target.profile, following: true };
  }
}
