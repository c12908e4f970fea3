import path from 'node:path';
import type { z } from 'zod';
import { StrataError } from '../errors.js';
import { configSchema, type StrataConfig } from './schema.js';

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.map(String).join('.') || '(root)';
  return `"${key}": ${issue.message}`;
}

/** Validates once at the boundary, names the offending key and what was expected, then freezes. */
export function validateConfig(raw: unknown, source: string | null): StrataConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const where = source ? path.basename(source) : 'config';
    const issues = parsed.error.issues.map(describeIssue);
    throw new StrataError('CONFIG_INVALID', `Invalid ${where}: ${issues.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}
