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

/**
 * `parseWith` for the query or parameters of one route, remembered by the request's URL: within a
 * route both are a pure function of the URL (Fastify splits and decodes it the same way every time),
 * so the same URL always parses to the same value, and a cached read that clients repeat verbatim
 * pays a Map lookup instead of zod (about 4,000 instructions per list request under callgrind, with
 * the NUL scan). Only values that passed are remembered, frozen since every request with that URL
 * shares them, and at most `maxEntries` (the oldest go first) of at most `maxUrlLength` characters
 * (a longer URL, which a client can pad with parameters the schema ignores, is parsed every time),
 * so made-up URLs can neither grow it nor fill it with large keys.
 */
export class ParsedByUrl<S extends z.ZodType> {
  private readonly parsed = new Map<string, z.output<S>>();

  constructor(
    private readonly schema: S,
    private readonly maxEntries = 1000,
    private readonly maxUrlLength = 512,
  ) {}

  /** `value` is the request's query or params object, `url` the URL it came from (`request.url`). */
  parse(url: string, value: unknown): z.output<S> {
    if (url.length > this.maxUrlLength) return parseWith(this.schema, value);
    const known = this.parsed.get(url);
    if (known !== undefined) return known;
    const result = parseWith(this.schema, value);
    if (this.parsed.size >= this.maxEntries) this.parsed.delete(this.parsed.keys().next().value as string);
    this.parsed.set(url, (typeof result === 'object' && result !== null ? Object.freeze(result) : result) as z.output<S>);
    return result;
  }
}
