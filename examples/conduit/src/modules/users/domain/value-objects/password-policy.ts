import { ValidationError } from '../../../../shared/domain/domain-error.js';

/** Length is what matters for offline guessing; composition rules mostly annoy. */
export function assertAcceptablePassword(password: string): void {
  if (password.length < 8) throw new ValidationError('password is too short (minimum is 8 characters)');
  if (password.length > 256) throw new ValidationError('password is too long (maximum is 256 characters)');
}
