import { describe, expect, it } from 'vitest';
import { isIgnored, parseGitignore } from '../src/project/gitignore.js';

const PATTERNS = ['node_modules', '*.log', 'dist/', '/build', 'docs/*.md', '!keep.log', 'a?c', '**/tmp', 'cache**', 'foo.*', 'x/**/y', '*', '.idea/workspace.xml', 'src/**.js', '*.min.js', '*x?', '[ab].ts', 'docs/', 'a.b/c*'];
const PATHS = ['node_modules', 'src/node_modules', 'app.log', 'src/app.log', 'keep.log', 'src/keep.log', 'dist', 'pkg/dist', 'build', 'pkg/build', 'docs/a.md', 'docs/sub/a.md', 'abc', 'src/abc', 'abbc', 'tmp', 'a/b/tmp', 'cache', 'cache/x', 'cachex/y', 'foo.js', 'src/foo.ts', 'foo', 'x/y', 'x/a/b/y', 'src/index.ts', '.idea/workspace.xml', '.idea/workspace.xml.bak', 'pkg/.idea/workspace.xml', 'src/a/b.js', 'src/app.min.js', 'app.min.js', 'min.js', 'xy', 'axb', '[ab].ts', 'a.ts', 'a.b/cd', 'axb/cd', 'docs'];

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

  // The last-segment test and the literal-prefix check are shortcuts for the full-path expression: both must agree everywhere.
  it.each(['', 'pkg'])('gives the same answer by last segment as by the whole path (folder %j)', (base) => {
    const shortcuts = PATTERNS.filter((pattern) => parseGitignore(pattern, base)[0]!.anyDepth);
    expect(shortcuts).toEqual(['node_modules', '*.log', 'dist/', '!keep.log', 'a?c', 'foo.*', '*', '*.min.js', '*x?', '[ab].ts', 'docs/']);
    for (const pattern of PATTERNS) {
      const [rule] = parseGitignore(pattern, base);
      for (const path of PATHS.map((p) => (base ? `${base}/${p}` : p)).concat(PATHS)) {
        for (const directory of [true, false]) {
          const byExpression = !(rule!.directoryOnly && !directory) && !rule!.negated && rule!.regex.test(path);
          expect([pattern, base, path, directory, isIgnored([rule!], path, directory)]).toEqual([pattern, base, path, directory, byExpression]);
        }
      }
    }
  });
});
