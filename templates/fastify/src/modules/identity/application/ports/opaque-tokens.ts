/** Random bearer secrets (refresh tokens) and the one-way hash under which they are stored. */
export interface OpaqueTokens {
  generate(): string;
  hash(token: string): string;
  /**
   * The token that replaces `token` on rotation, derived with a server key: a second refresh with
   * the same token inside the grace window finds the same successor instead of minting another.
   */
  successorOf(token: string): string;
}
