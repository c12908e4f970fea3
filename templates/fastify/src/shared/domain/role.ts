import { ValidationError } from './errors.js';

export const ROLES = ['member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function parseRole(value: string): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  throw new ValidationError('INVALID_ROLE', `Unknown role "${value}"`);
}
