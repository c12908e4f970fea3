import { ValidationError } from '../../domain/errors.js';
import type { HttpRequest } from './http-types.js';

/** Deeper than any schema here accepts; past it the request is refused rather than walked. */
const MAX_DEPTH = 64;

/**
 * PostgreSQL text cannot hold U+0000: a NUL that reaches a query fails there as a server error. It
 * is refused here, for every string and key of params, query and body, before any schema or use
 * case runs. The walk is iterative, so a deeply nested body cannot exhaust the stack.
 */
export function rejectUnsafeInput(request: Pick<HttpRequest, 'params' | 'query' | 'body'>): void {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: request.params, path: 'params', depth: 0 },
    { value: request.query, path: 'query', depth: 0 },
    { value: request.body, path: 'body', depth: 0 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw invalid(path, 'contains a NUL character');
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) throw invalid(path, `nests deeper than ${MAX_DEPTH} levels`);
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) throw invalid(path, 'has a key with a NUL character');
        pending.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
      }
    }
  }
}

function invalid(path: string, problem: string): ValidationError {
  return new ValidationError('VALIDATION_FAILED', 'Request is invalid', [{ path, message: problem }]);
}
