import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The code whose output the per-file cache stores: the parser pass, its collectors and every rule. */
export const PER_FILE_CODE = ['ast', 'context/file-facts', 'project/analyze-file', 'project/file-analysis', 'project/composition', 'project/declaration-kind', 'project/suppressions', 'project/nesting-guard', 'project/process-file', 'project/decode', 'rules', 'program/collect', 'program/children', 'program/scope', 'program/summary', 'program/applies', 'program/text-methods', 'project/cache'];

function filesUnder(entry: string): string[] {
  for (const candidate of [entry, `${entry}.js`, `${entry}.ts`]) {
    let stats;
    try {
      stats = statSync(candidate);
    } catch {
      continue;
    }
    if (stats.isFile()) return [candidate];
    return readdirSync(candidate, { withFileTypes: true })
      .filter((child) => child.name !== 'fixtures' && !child.name.endsWith('.map') && !child.name.endsWith('.d.ts'))
      .flatMap((child) => filesUnder(path.join(candidate, child.name)))
      .sort();
  }
  return [];
}

let memo: string | undefined;

/**
 * A hash of the engine's own per-file code, part of the cache signature: any change to a visitor
 * or collector invalidates cached results, with no version number to remember to bump.
 */
export function engineSignature(): string {
  if (memo) return memo;
  const base = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha1');
  for (const file of PER_FILE_CODE.flatMap((entry) => filesUnder(path.join(base, entry)))) {
    if (file.endsWith('.test.ts') || file.endsWith('.test.js')) continue;
    hash.update(path.relative(base, file)).update(readFileSync(file));
  }
  memo = hash.digest('hex').slice(0, 16);
  return memo;
}

let wholeMemo: string | undefined;

/**
 * A hash of all of the engine's code, not only the per-file pass: what a reused whole result
 * depends on. A change to a project rule, a model or a reporter-facing field makes a new result,
 * with no version number to remember to bump.
 */
export function wholeEngineSignature(): string {
  if (wholeMemo) return wholeMemo;
  const base = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha1');
  for (const file of filesUnder(base)) {
    if (!/\.[cm]?[jt]s$/.test(file) || /\.test\.[jt]s$/.test(file) || file.endsWith('.d.ts')) continue;
    hash.update(path.relative(base, file)).update(readFileSync(file));
  }
  wholeMemo = hash.digest('hex').slice(0, 16);
  return wholeMemo;
}
