import { ValidationError } from '../../../../shared/domain/domain-error.js';

// Usernames appear in URLs (/profiles/:username), so they stay URL-safe.
const USERNAME = /^[A-Za-z0-9_.-]+$/;

export function validateUsername(raw: string): string {
  const username = raw.trim();
  if (username.length === 0) throw new ValidationError("username can't be blank");
  if (username.length > 64) throw new ValidationError('username is too long (maximum is 64 characters)');
  if (!USERNAME.test(username)) throw new ValidationError('username may contain only letters, digits, _ . and -');
  return username;
}
