import type { FastifyRequest } from 'fastify';
import { authenticated } from '../../../../shared/interfaces/http/authentication.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { FollowUser } from '../../application/use-cases/follow-user.js';
import type { GetProfile } from '../../application/use-cases/get-profile.js';
import type { UnfollowUser } from '../../application/use-cases/unfollow-user.js';
import { profileParams } from './schemas.js';

export interface ProfileUseCases {
  getProfile: GetProfile;
  followUser: FollowUser;
  unfollowUser: UnfollowUser;
}

export class ProfileController {
  constructor(private readonly useCases: ProfileUseCases) {}

  get = async (request: FastifyRequest) => {
    const { username } = parseWith(profileParams, request.params);
    return { profile: await this.useCases.getProfile.execute(username, request.viewer) };
  };

  follow = async (request: FastifyRequest) => {
    const { viewer } = authenticated(request);
    const { username } = parseWith(profileParams, request.params);
    return { profile: await this.useCases.followUser.execute(viewer, username) };
  };

  unfollow = async (request: FastifyRequest) => {
    const { viewer } = authenticated(request);
    const { username } = parseWith(profileParams, request.params);
    return { profile: await this.useCases.unfollowUser.execute(viewer, username) };
  };
}
