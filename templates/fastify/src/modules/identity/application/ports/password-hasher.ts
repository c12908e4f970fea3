export interface PasswordHasher {
  hash(plain: string): Promise<string>;
  /** Constant-time with respect to the stored hash. */
  verify(plain: string, hash: string): Promise<boolean>;
}
