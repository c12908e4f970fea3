import { ValidationError } from '../../../../shared/domain/domain-error.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails compare case-insensitively, so they are stored lower-cased: one account per mailbox. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length === 0) throw new ValidationError("email can't be blank");
  if (email.length > 254 || !EMAIL.test(email)) throw new ValidationError('email is invalid');
  return email;
}
