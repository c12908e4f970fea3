import type { z } from 'zod';
import { ValidationError } from '../../domain/domain-error.js';

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.filter((part) => typeof part === 'string').at(-1) ?? 'body';
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `${field} can't be blank`;
  return `${field} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
}

/**
 * The name of the first string field holding a NUL character. PostgreSQL text cannot store U+0000
 * (it fails the statement with a data exception), and no legitimate client sends one, so it is
 * refused at the boundary like any other invalid value. Depth-bounded: bodies are already size-limited.
 */
function fieldWithNul(value: unknown, key: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? key : undefined;
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  for (const [childKey, child] of Object.entries(value)) {
    const found = fieldWithNul(child, Array.isArray(value) ? key : childKey, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Boundary validation: every request body, query and params object goes through a zod schema. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const nulField = fieldWithNul(value, 'body');
  if (nulField) throw new ValidationError('request is invalid', [`${nulField} must not contain NUL characters`]);
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError('request is invalid', result.error.issues.map(describe));
  return result.data;
}
