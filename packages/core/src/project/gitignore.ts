/**
 * A .gitignore matcher for runs outside a git work tree (inside one, git itself answers).
 * Supports the syntax real repositories use: `*`, `**`, `?`, anchoring with `/`, directory-only
 * patterns with a trailing `/`, and `!` negation, evaluated last-match-wins like git.
 */
interface IgnoreRule {
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
  /**
   * For a pattern without a slash (`node_modules`, `*.log`), which matches a path's last segment at
   * any depth below its folder: that folder's prefix and a test of the last segment alone. The same
   * answer as `regex` without its `(?:.*\/)?` scan of every position (a walk tests each path against
   * every rule of every .gitignore above it).
   */
  anyDepth?: { prefix: string; name: RegExp; exact?: string; suffix?: string };
  /**
   * The literal start every matching path has (the folder's prefix, then the pattern up to its first
   * wildcard): a path without it is rejected by one `startsWith` instead of a regular expression. Large
   * .gitignore files are mostly anchored paths (`.idea/workspace.xml`, `packages/x/build`), and a walk
   * tests every path against all of them.
   */
  literalPrefix: string;
}

/** The characters that make a glob more than a literal here (`[` and the rest are escaped as literals). */
const WILDCARD = /[*?]/;

export function globToRegexSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const followedBySlash = glob[i + 2] === '/';
        out += followedBySlash ? '(?:.*/)?' : '.*';
        i += followedBySlash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if ('\\^$+.()|{}[]'.includes(ch)) {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return out;
}

export function parseGitignore(text: string, baseDir: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.trimEnd();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const prefix = baseDir ? `${baseDir}/` : '';
    const body = globToRegexSource(line);
    const source = anchored ? `^${prefix}${body}$` : `^${prefix}(?:.*/)?${body}$`;
    // `**` without a slash can span folders: only a pattern whose every part stays within one segment qualifies.
    const withinSegment = !anchored && !line.includes('**');
    const wildcardAt = line.search(WILDCARD);
    const literalPrefix = anchored ? prefix + (wildcardAt === -1 ? line : line.slice(0, wildcardAt)) : prefix;
    rules.push({ regex: new RegExp(source), negated, directoryOnly, literalPrefix, ...(withinSegment ? { anyDepth: anyDepth(prefix, line, body) } : {}) });
  }
  return rules;
}

/** The last-segment test of an unanchored pattern: a plain name compares, `*.ext` checks the ending, the rest is an expression. */
function anyDepth(prefix: string, glob: string, body: string): NonNullable<IgnoreRule['anyDepth']> {
  const name = new RegExp(`^${body}$`);
  if (!WILDCARD.test(glob)) return { prefix, name, exact: glob };
  if (glob.startsWith('*') && !WILDCARD.test(glob.slice(1))) return { prefix, name, suffix: glob.slice(1) };
  return { prefix, name };
}

function segmentMatches(test: NonNullable<IgnoreRule['anyDepth']>, lastSegment: string): boolean {
  if (test.exact !== undefined) return lastSegment === test.exact;
  if (test.suffix !== undefined) return lastSegment.endsWith(test.suffix);
  return test.name.test(lastSegment);
}

export function isIgnored(rules: readonly IgnoreRule[], relativePath: string, isDirectory: boolean): boolean {
  let ignored = false;
  const lastSegment = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    const matches = rule.anyDepth
      ? relativePath.length > rule.anyDepth.prefix.length && relativePath.startsWith(rule.anyDepth.prefix) && segmentMatches(rule.anyDepth, lastSegment)
      : relativePath.startsWith(rule.literalPrefix) && rule.regex.test(relativePath);
    if (matches) ignored = !rule.negated;
  }
  return ignored;
}

export type { IgnoreRule };
