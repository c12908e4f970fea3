import type { Viewer } from '../../../../shared/application/viewer.js';
import type { AccessTokens } from '../ports/access-tokens.js';

/** Turns an access token into the viewer the other use cases authorise against. */
export class Authenticate {
  constructor(private readonly accessTokens: AccessTokens) {}

  async execute(token: string): Promise<Viewer> {
    return { userId: await this.accessTokens.verify(token) };
  }
}
