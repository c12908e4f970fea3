/**
 * The order in which Strata sorts what it prints (files, rule ids, folders): the default Unicode
 * collation (CLDR root, which the `en` locales use), the same on every machine. `a.localeCompare(b)`
 * gave it only under an English or C locale (under cs_CZ `ch` sorts after `h`, under tr_TR `i` and `I`
 * part), and the first `localeCompare` of a process builds ICU's collator: about 8 ms on the 2-core
 * machine, 4 % of a 46-file service's whole review, spent to order a few dozen paths.
 *
 * Paths and identifiers are nearly always printable ASCII, and on printable ASCII that collation is
 * simple: compare the characters' primary weights (punctuation, then digits, then letters, a letter's
 * two cases alike) over the whole strings, a string before any longer string it starts; only when
 * those are all equal does case decide, at the first letter that differs in it, lower case first.
 * Any other character takes ICU's collator for `en`, built on first need.
 */
const PRIMARY_ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ`;

/** Primary weight by character code (1-based; 0 for characters the fast path does not cover). */
const PRIMARY = new Uint8Array(128);
{
  let weight = 0;
  for (let index = 0; index < PRIMARY_ORDER.length; index++) {
    const code = PRIMARY_ORDER.charCodeAt(index);
    // An upper-case letter follows its lower case and shares its weight.
    if (!(code >= 65 && code <= 90)) weight++;
    PRIMARY[code] = weight;
  }
}

let collator: Intl.Collator | undefined;

const isCovered = (text: string): boolean => {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 128 || PRIMARY[code] === 0) return false;
  }
  return true;
};

/** Negative when `a` sorts before `b`, positive after, 0 when equal: the sign `a.localeCompare(b, 'en')` gives. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!isCovered(a) || !isCovered(b)) return (collator ??= new Intl.Collator('en')).compare(a, b);
  const shorter = Math.min(a.length, b.length);
  /** The first difference in case only, which decides if nothing else does. */
  let byCase = 0;
  for (let index = 0; index < shorter; index++) {
    const codeA = a.charCodeAt(index);
    const codeB = b.charCodeAt(index);
    if (codeA === codeB) continue;
    const weightA = PRIMARY[codeA]!;
    const weightB = PRIMARY[codeB]!;
    if (weightA !== weightB) return weightA < weightB ? -1 : 1;
    // Same weight, different character: the two cases of one letter.
    if (byCase === 0) byCase = codeA > codeB ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return byCase;
}
