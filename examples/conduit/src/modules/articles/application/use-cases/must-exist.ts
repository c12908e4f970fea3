import { NotFoundError } from '../../../../shared/domain/domain-error.js';

export function mustExist<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new NotFoundError(`${what} not found`);
  return value;
}
