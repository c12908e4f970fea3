import { ValidationError } from '../../../../shared/domain/domain-error.js';

/** Title, description and bodies must carry text; whitespace alone is as empty as nothing. */
export function requiredText(field: string, value: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new ValidationError(`${field} can't be blank`);
  if (trimmed.length > maxLength) throw new ValidationError(`${field} is too long (maximum is ${maxLength} characters)`);
  return trimmed;
}
