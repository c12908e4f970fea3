export interface AccessTokens {
  issue(userId: string): Promise<string>;
  /** The user id the token was issued to; throws UnauthenticatedError when invalid or expired. */
  verify(token: string): Promise<string>;
  /**
   * The user id of a token this process has verified before and that has not expired since, without
   * waiting: a client sends the same token on every request until it expires. Undefined when the
   * token is not remembered (then `verify` decides).
   */
  verifiedBefore(token: string): string | undefined;
}
