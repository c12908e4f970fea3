/** High-entropy random tokens (refresh tokens) and the one-way hash under which they are stored. */
export interface OpaqueTokens {
  generate(): string;
  hash(token: string): string;
  /**
   * The token that replaces `token` on rotation, derived with a server-side key: a repeat of the same
   * refresh (two tabs, a retried request) can be answered with the same successor without storing
   * any token in the clear, and nobody without the key can compute it.
   */
  successorOf(token: string): string;
}
