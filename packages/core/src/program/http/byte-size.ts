const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/**
 * A body limit as the body parsers read it (the `bytes` package, which Express, body-parser and
 * raw-body share): a number is bytes, a string is a number with an optional binary unit (`'100kb'`,
 * `'10 MB'`, `'1.5gb'`). Null for anything else: a limit the model cannot read is never guessed.
 */
export function parseByteSize(limit: string | number | null): number | null {
  if (typeof limit === 'number') return limit >= 0 ? limit : null;
  if (limit === null) return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|pb)?\s*$/i.exec(limit);
  if (!match) return /^\s*Infinity\s*$/.test(limit) ? Infinity : null;
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!);
}

/** `20971520` → `20 MB`: how a finding writes a size back. */
export function formatByteSize(bytes: number): string {
  if (bytes === Infinity) return 'no limit';
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
