import type { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';

/** Boundary validation: a request that fails its schema never reaches a use case. */
export function parseWith<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ValidationError(
    'VALIDATION_FAILED',
    'Request is invalid',
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}
