import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PER_FILE_CODE } from '../src/project/engine-signature.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

/** Relative modules a source file imports as values (type-only imports vanish at run time). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(\.{1,2}\/[^']+)\.js';/gms)) found.push(path.resolve(path.dirname(file), `${match[1]}.ts`));
  return found;
}

const covered = (file: string) => PER_FILE_CODE.some((entry) => { const base = path.join(SRC, entry); return file === `${base}.ts` || file.startsWith(`${base}${path.sep}`); });

describe('engine signature', () => {
  it('hashes every module the per-file pass runs, so a changed collector never reuses stale cached results', () => {
    const missing: string[] = [];
    const seen = new Set<string>();
    const queue = [path.join(SRC, 'project/process-file.ts')];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!covered(file)) missing.push(path.relative(SRC, file));
      // Rules are hashed whole; what their project-wide checks import does not shape per-file results.
      if (file.startsWith(path.join(SRC, 'rules') + path.sep)) continue;
      queue.push(...valueImports(file));
    }
    expect(missing.sort()).toEqual([]);
  });
});
