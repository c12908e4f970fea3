import { NotFoundError } from '../../../../shared/domain/domain-error.js';
import type { OptionalViewer } from '../../../../shared/application/viewer.js';
import type { ProfileDto } from '../dtos/profile.dto.js';
import type { ProfileReader } from '../ports/profile-reader.js';

export class GetProfile {
  constructor(private readonly profiles: ProfileReader) {}

  async execute(username: string, viewer: OptionalViewer): Promise<ProfileDto> {
    const record = await this.profiles.findByUsername(username, viewer?.userId);
    if (!record) throw new NotFoundError('profile not found');
    return record.profile;
  }
}
