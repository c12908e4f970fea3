import { ValidationError } from '../../../../shared/domain/errors.js';

export const PASSWORD_MIN_LENGTH = 12;
// Bounds the work of the KDF: an unbounded password is a cheap denial of service.
export const PASSWORD_MAX_LENGTH = 128;

/** Length over composition rules, as NIST SP 800-63B recommends. */
export function assertAcceptablePassword(plain: string): void {
  if (plain.length < PASSWORD_MIN_LENGTH || plain.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError(
      'WEAK_PASSWORD',
      `Password must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`,
    );
  }
}
