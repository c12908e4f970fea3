import { describe, expect, it } from 'vitest';
import { PrefixedKeys } from '../../src/shared/application/cache-keys.js';

describe('read-cache keys remembered per id', () => {
  it('gives the prefixed key for every id, and keeps at most `max` ids', () => {
    const keys = new PrefixedKeys('article:', 3);
    expect(keys.of('dragons')).toBe('article:dragons');
    expect(keys.of('dragons')).toBe('article:dragons');
    expect(keys.size).toBe(1);
    for (const slug of ['a', 'b', 'c', 'd', 'e']) expect(keys.of(slug)).toBe(`article:${slug}`);
    // Full at three: the memory was dropped and refilled, never grown past the bound.
    expect(keys.size).toBeLessThanOrEqual(3);
    expect(keys.of('dragons')).toBe('article:dragons');
  });
});
