export interface AccessTokens {
  issue(userId: string): Promise<string>;
  /** The user id the token was issued to; throws UnauthenticatedError when invalid or expired. */
  verify(token: string): Promise<string>;
}
