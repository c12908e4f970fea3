import { describe, expect, it } from 'vitest';
import { globToRegexSource, isIgnored, parseGitignore } from '../src/project/gitignore.js';

const PATTERNS = ['node_modules', '*.log', 'dist/', '/build', 'docs/*.md', '!keep.log', 'a?c', '**/tmp', 'cache**', 'foo.*', 'x/**/y', '*', '.idea/workspace.xml', 'src/**.js', '*.min.js', '*x?', '[ab].ts', 'docs/', 'a.b/c*', '**-changes-cache.json', '**.log', '**/.env', '**/a?c', '**/x/y', '**x**', '/dist', 'pkg/build/'];
const PATHS = ['node_modules', 'src/node_modules', 'app.log', 'src/app.log', 'keep.log', 'src/keep.log', 'dist', 'pkg/dist', 'build', 'pkg/build', 'docs/a.md', 'docs/sub/a.md', 'abc', 'src/abc', 'abbc', 'tmp', 'a/b/tmp', 'cache', 'cache/x', 'cachex/y', 'foo.js', 'src/foo.ts', 'foo', 'x/y', 'x/a/b/y', 'src/index.ts', '.idea/workspace.xml', '.idea/workspace.xml.bak', 'pkg/.idea/workspace.xml', 'src/a/b.js', 'src/app.min.js', 'app.min.js', 'min.js', 'xy', 'axb', '[ab].ts', 'a.ts', 'a.b/cd', 'axb/cd', 'docs', 'x-changes-cache.json', 'a/b/y-changes-cache.json', '-changes-cache.json/z', '.env', 'a/.env', '.env/a', 'a/b.log', 'b.log/c', 'pkg/build', 'pkg/build/x'];

describe('.gitignore matching outside a git work tree', () => {
  it('follows git: unanchored names at any depth, anchored paths, folders only, negation last-match-wins', () => {
    const rules = parseGitignore('node_modules\n*.log\n!keep.log\ndist/\n/build\ndocs/*.md\n', '');
    expect(isIgnored(rules, 'src/node_modules', true)).toBe(true);
    expect(isIgnored(rules, 'src/app.log', false)).toBe(true);
    expect(isIgnored(rules, 'src/keep.log', false)).toBe(false);
    expect(isIgnored(rules, 'pkg/dist', true)).toBe(true);
    expect(isIgnored(rules, 'pkg/dist', false)).toBe(false);
    expect(isIgnored(rules, 'build', true)).toBe(true);
    expect(isIgnored(rules, 'pkg/build', true)).toBe(false);
    expect(isIgnored(rules, 'docs/a.md', false)).toBe(true);
    expect(isIgnored(rules, 'docs/sub/a.md', false)).toBe(false);
  });

  it("applies a nested .gitignore only below its own folder", () => {
    const rules = parseGitignore('*.log\n', 'packages/api');
    expect(isIgnored(rules, 'packages/api/src/x.log', false)).toBe(true);
    expect(isIgnored(rules, 'packages/web/x.log', false)).toBe(false);
    expect(isIgnored(rules, 'packages/api-old/x.log', false)).toBe(false);
  });

  // The last-segment test, the literal-prefix check and the rewriting of leading `**` are shortcuts for
  // the full-path expression a plain reading of the pattern gives: they must agree everywhere, alone and
  // as one list where the last match decides.
  it.each(['', 'pkg'])('gives the same answer as the whole-path expression of each pattern (folder %j)', (base) => {
    const shortcuts = PATTERNS.filter((pattern) => parseGitignore(pattern, base)[0]!.anyDepth);
    expect(shortcuts).toEqual(['node_modules', '*.log', 'dist/', '!keep.log', 'a?c', '**/tmp', 'foo.*', '*', '*.min.js', '*x?', '[ab].ts', 'docs/', '**-changes-cache.json', '**.log', '**/.env', '**/a?c']);
    const paths = PATHS.map((p) => (base ? `${base}/${p}` : p)).concat(PATHS);
    for (const pattern of PATTERNS) {
      const [rule] = parseGitignore(pattern, base);
      const expected = wholePath(pattern, base);
      for (const path of paths) {
        for (const directory of [true, false]) {
          const byExpression = !(expected.directoryOnly && !directory) && !expected.negated && expected.regex.test(path);
          expect([pattern, base, path, directory, isIgnored([rule!], path, directory)]).toEqual([pattern, base, path, directory, byExpression]);
        }
      }
    }
    // Every pattern in one list, in both orders, with every other one negated.
    for (const order of [PATTERNS, [...PATTERNS].reverse()]) {
      const lines = order.map((pattern, index) => (index % 2 && !pattern.startsWith('!') ? `!${pattern}` : pattern));
      const rules = parseGitignore(lines.join('\n'), base);
      const expected = lines.map((line) => wholePath(line, base));
      for (const path of paths) {
        for (const directory of [true, false]) {
          let byExpression = false;
          for (const rule of expected) if (!(rule.directoryOnly && !directory) && rule.regex.test(path)) byExpression = !rule.negated;
          expect([path, directory, isIgnored(rules, path, directory)]).toEqual([path, directory, byExpression]);
        }
      }
    }
  });
});

/** The plain reading of a pattern: anchored when it holds a slash (a trailing one aside), else at any depth. */
function wholePath(pattern: string, base: string): { regex: RegExp; negated: boolean; directoryOnly: boolean } {
  let line = pattern;
  const negated = line.startsWith('!');
  if (negated) line = line.slice(1);
  const directoryOnly = line.endsWith('/');
  if (directoryOnly) line = line.slice(0, -1);
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const prefix = base ? `${base}/` : '';
  const body = globToRegexSource(line);
  return { regex: new RegExp(anchored ? `^${prefix}${body}$` : `^${prefix}(?:.*/)?${body}$`), negated, directoryOnly };
}
