import type { Viewer } from '../../../../shared/application/viewer.js';
import type { AccessTokens } from '../ports/access-tokens.js';

/** Turns an access token into the viewer the other use cases authorise against. */
export class Authenticate {
  constructor(private readonly accessTokens: AccessTokens) {}

  async execute(token: string): Promise<Viewer> {
    return { userId: await this.accessTokens.verify(token) };
  }

  /** The viewer at once when this process verified the token before and it has not expired; else undefined. */
  remembered(token: string): Viewer | undefined {
    const userId = this.accessTokens.verifiedBefore(token);
    return userId === undefined ? undefined : { userId };
  }
}
