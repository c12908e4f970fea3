import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isIgnored, parseGitignore, type IgnoreRule } from './gitignore.js';
import { isSkippedPath } from './ignore.js';

/**
 * Tells whether a path the repository does not hold is one it generates: ignored by a .gitignore on
 * its way (a package.json written at install, a config.json written at setup, a styled-system/
 * folder a build emits) or under a build-output folder. An import of such a path fails in a fresh
 * clone for a reason the code is not to blame for.
 */
export async function createGeneratedPathCheck(root: string, allFiles: readonly string[]): Promise<(relative: string) => boolean> {
  const gitignores = allFiles.filter((file) => file === '.gitignore' || file.endsWith('/.gitignore'));
  const rules: IgnoreRule[] = [];
  for (const file of gitignores.sort((a, b) => a.length - b.length)) {
    const text = await fs.readFile(path.join(root, file), 'utf8').catch(() => '');
    const base = path.posix.dirname(file);
    rules.push(...parseGitignore(text, base === '.' ? '' : base));
  }
  const matches = (relative: string): boolean => {
    if (isSkippedPath(relative)) return true;
    const parts = relative.split('/');
    // A folder rule (`styled-system/`) covers everything below it.
    for (let depth = 1; depth < parts.length; depth++) {
      if (isIgnored(rules, parts.slice(0, depth).join('/'), true)) return true;
    }
    return isIgnored(rules, relative, false);
  };
  // An import names `./metadata` or `../config`; the ignored file is `metadata.ts` or `config/index.js`.
  return (relative) => matches(relative) || CANDIDATE_SUFFIXES.some((suffix) => matches(`${relative}${suffix}`));
}

const CANDIDATE_SUFFIXES = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js'];
