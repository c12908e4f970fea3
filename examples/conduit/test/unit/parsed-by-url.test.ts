import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/shared/domain/domain-error.js';
import { ParsedByUrl } from '../../src/shared/interfaces/http/validation.js';

/** A list query schema that counts how often zod actually ran. */
function countingSchema() {
  const runs = { count: 0 };
  const schema = z
    .object({ tag: z.string().max(5).optional(), limit: z.coerce.number().int().min(1).default(20) })
    .transform((value) => {
      runs.count += 1;
      return value;
    });
  return { schema, runs };
}

describe('parsing a route input once per URL', () => {
  it('answers a repeated URL with the value parsed the first time, frozen, and parses new URLs', () => {
    const { schema, runs } = countingSchema();
    const parser = new ParsedByUrl(schema);
    const first = parser.parse('/api/articles?tag=go', { tag: 'go' });
    expect(first).toEqual({ tag: 'go', limit: 20 });
    expect(parser.parse('/api/articles?tag=go', { tag: 'go' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(runs.count).toBe(1);
    expect(parser.parse('/api/articles?tag=go&limit=5', { tag: 'go', limit: '5' })).toEqual({ tag: 'go', limit: 5 });
    expect(runs.count).toBe(2);
  });

  it('remembers no failure: an invalid URL is refused every time, with the same error as parseWith', () => {
    const { schema, runs } = countingSchema();
    const parser = new ParsedByUrl(schema);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => parser.parse('/api/articles?tag=toolong', { tag: 'toolong' })).toThrow(ValidationError);
      expect(() => parser.parse('/api/articles?tag=a%00', { tag: 'a\u0000' })).toThrow(ValidationError);
    }
    expect(runs.count).toBe(0);
  });

  it('holds at most its bound, the oldest URL going first', () => {
    const { schema, runs } = countingSchema();
    const parser = new ParsedByUrl(schema, 2);
    parser.parse('/a?tag=a', { tag: 'a' });
    parser.parse('/b?tag=b', { tag: 'b' });
    parser.parse('/c?tag=c', { tag: 'c' }); // evicts /a
    expect(runs.count).toBe(3);
    parser.parse('/c?tag=c', { tag: 'c' });
    parser.parse('/b?tag=b', { tag: 'b' });
    expect(runs.count).toBe(3);
    parser.parse('/a?tag=a', { tag: 'a' });
    expect(runs.count).toBe(4);
  });

  it('parses a URL longer than its bound every time, without remembering it', () => {
    const { schema, runs } = countingSchema();
    const parser = new ParsedByUrl(schema, 10, 40);
    const padded = `/api/articles?tag=go&${'x'.repeat(40)}=1`;
    expect(parser.parse(padded, { tag: 'go' })).toEqual({ tag: 'go', limit: 20 });
    expect(parser.parse(padded, { tag: 'go' })).toEqual({ tag: 'go', limit: 20 });
    expect(runs.count).toBe(2);
  });
});
