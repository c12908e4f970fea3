import type { z } from 'zod';
import { ValidationError } from '../../domain/domain-error.js';

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.filter((part) => typeof part === 'string').at(-1) ?? 'body';
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `${field} can't be blank`;
  return `${field} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
}

/** Boundary validation: every request body, query and params object goes through a zod schema. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError('request is invalid', result.error.issues.map(describe));
  return result.data;
}
