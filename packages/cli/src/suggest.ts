/** Edit distance with adjacent transpositions (optimal string alignment): "fromat" is one edit from "format". */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known word a mistyped one most likely meant: the only one it abbreviates ("--upd"), or the only
 * one it lengthens ("warning" for warn), else the closest within a third of its length (so "--bogus"
 * suggests nothing rather than something random).
 */
export function closest(input: string, known: readonly string[]): string | undefined {
  const prefixed = known.filter((word) => word.startsWith(input));
  if (input.length >= 3 && prefixed.length === 1) return prefixed[0];
  const extended = known.filter((word) => word.replace(/^-+/, '').length >= 3 && input.startsWith(word));
  if (extended.length === 1) return extended[0];
  const limit = Math.max(1, Math.floor(input.replace(/^-+/, '').length / 3));
  let best: { word: string; cost: number } | undefined;
  for (const word of known) {
    const cost = distance(input, word);
    if (cost <= limit && (!best || cost < best.cost)) best = { word, cost };
  }
  return best?.word;
}

/** " (did you mean X?)" or, without a likely match, the given fallback hint. */
export function didYouMean(input: string, known: readonly string[], fallback: string): string {
  const match = closest(input, known);
  return match ? ` (did you mean ${match}?)` : ` (${fallback})`;
}
