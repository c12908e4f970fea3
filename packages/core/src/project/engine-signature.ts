import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const isEngineCode = (file: string) => /\.[cm]?[jt]s$/.test(file) && !/\.test\.[cm]?[jt]s$/.test(file) && !file.endsWith('.d.ts');

function filesUnder(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter((child) => child.name !== 'fixtures' && !child.name.endsWith('.map'))
    .flatMap((child) => filesUnder(path.join(dir, child.name)))
    .sort();
}

/**
 * A hash of every code file under `root` (tests, declarations and fixtures left out), each with its
 * relative path. Exported for its test.
 */
export function codeSignature(root: string): string {
  const hash = createHash('sha1');
  for (const file of filesUnder(root)) {
    if (!isEngineCode(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

let memo: string | undefined;

/**
 * The signature of the engine's code, part of both caches' keys: any change to the engine makes
 * cached per-file results and reused whole results stale, with no version number to remember to bump.
 * It covers all of the engine, not a list of the per-file pass's modules: rule visitors import from
 * the models, the layer presets and the secret detector, and a hand-kept list missed them (a changed
 * import there kept serving old findings from the cache).
 */
export function engineSignature(): string {
  memo ??= codeSignature(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  return memo;
}
