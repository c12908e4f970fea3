import { ValidationError } from '../../../../shared/domain/domain-error.js';

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;

/** Tags are trimmed, de-duplicated and sorted, so equal sets compare equal and render the same everywhere. */
export function normalizeTags(raw: readonly string[]): string[] {
  const tags = [...new Set(raw.map((tag) => tag.trim()).filter((tag) => tag.length > 0))].sort();
  if (tags.length > MAX_TAGS) throw new ValidationError(`tagList has too many tags (maximum is ${MAX_TAGS})`);
  const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
  if (long) throw new ValidationError(`tag "${long.slice(0, MAX_TAG_LENGTH)}…" is too long (maximum is ${MAX_TAG_LENGTH} characters)`);
  return tags;
}
