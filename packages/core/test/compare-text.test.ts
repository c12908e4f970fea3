import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareText } from '../src/compare-text.js';

const english = new Intl.Collator('en');
const sign = (value: number): number => Math.sign(value);

/** A small deterministic generator, so a failure names a pair that comes back on the next run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
/** Few characters, so that pairs share prefixes and differ in case only as often as paths do. */
const NARROW = 'aAbB/._-0Z';

function text(next: () => number, alphabet: string, maxLength: number): string {
  let out = '';
  const length = Math.floor(next() * (maxLength + 1));
  for (let index = 0; index < length; index++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

describe('compareText', () => {
  afterEach(() => vi.restoreAllMocks());

  it('orders printable ASCII exactly as the English collator does', () => {
    const next = random(20261201);
    for (let round = 0; round < 40_000; round++) {
      const alphabet = round % 2 ? PRINTABLE : NARROW;
      const a = text(next, alphabet, 7);
      const b = round % 3 ? text(next, alphabet, 7) : a.toUpperCase() === a ? a.toLowerCase() : a.toUpperCase();
      if (sign(compareText(a, b)) !== sign(english.compare(a, b))) throw new Error(`${JSON.stringify(a)} against ${JSON.stringify(b)}`);
    }
  });

  it('sorts paths, case pairs and prefixes as the collator does', () => {
    const paths = ['src/b.ts', 'src/B.ts', 'src/a.ts', 'src/a/b.ts', 'src/a-b.ts', 'src/a_b.ts', 'src/A.ts', 'src', 'src/a.TS', 'Src/a.ts', 'src/a1.ts', 'src/a10.ts', 'src/a2.ts', 'src/ab', 'src/aB', 'src/Ab', ''];
    expect([...paths].sort(compareText)).toEqual([...paths].sort(english.compare));
  });

  it('hands any other character to the collator', () => {
    const words = ['école.ts', 'ecole.ts', 'Ecole.ts', 'zèbre', 'zebra', 'naïve', 'naive', 'tab\there', 'tab here', 'ı', 'i', 'I'];
    expect([...words].sort(compareText)).toEqual([...words].sort(english.compare));
    expect(compareText('e\u0301', '\u00e9')).toBe(english.compare('e\u0301', '\u00e9'));
  });

  it('never builds the locale collator for ASCII, which is what it saves', () => {
    const localeCompare = vi.spyOn(String.prototype, 'localeCompare');
    const collator = vi.spyOn(Intl, 'Collator');
    expect(compareText('src/Users.ts', 'src/users.ts')).toBeGreaterThan(0);
    expect(compareText('no-circular', 'layer-violation')).toBeGreaterThan(0);
    expect(localeCompare).not.toHaveBeenCalled();
    expect(collator).not.toHaveBeenCalled();
  });
});
