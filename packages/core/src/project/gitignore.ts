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
  /**
   * For an anchored pattern, the first segment every matching path has, when the pattern fixes it
   * (`.idea/workspace.xml`, `packages/x/build`, `/dist`): such rules are only tried on paths in that folder.
   */
  firstSegment?: string;
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

/**
 * The same pattern written for the last segment where git's meaning allows it: `**` then a slash and a
 * name is that name at any depth, and `**x` (no slash after) matches what `*x` does, since what `**` spans must end before
 * x's segment. Such patterns then take the last-segment test instead of an expression over the whole
 * path (novu's `**-changes-cache.json` cost a walk 10 ms of backtracking).
 */
function withinLastSegment(line: string): string {
  if (line.startsWith('**/') && !line.includes('/', 3) && !line.includes('**', 3)) return line.slice(3);
  if (line.startsWith('**') && !line.includes('/') && !line.includes('**', 2)) return line.slice(1);
  return line;
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
    line = withinLastSegment(line);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const prefix = baseDir ? `${baseDir}/` : '';
    const body = globToRegexSource(line);
    const source = anchored ? `^${prefix}${body}$` : `^${prefix}(?:.*/)?${body}$`;
    // `**` without a slash can span folders: only a pattern whose every part stays within one segment qualifies.
    const withinSegment = !anchored && !line.includes('**');
    const wildcardAt = line.search(WILDCARD);
    const literalPrefix = anchored ? prefix + (wildcardAt === -1 ? line : line.slice(0, wildcardAt)) : prefix;
    const slash = literalPrefix.indexOf('/');
    const firstSegment = !anchored ? undefined : slash !== -1 ? literalPrefix.slice(0, slash) : wildcardAt === -1 ? literalPrefix : undefined;
    // Compiled on first use: most rules are decided by a name, a suffix or a literal prefix, and
    // novu's forty .gitignore files (2,000 lines) made compiling every pattern a tenth of a warm run's walk.
    let regex: RegExp | undefined;
    rules.push({
      get regex() {
        return (regex ??= new RegExp(source));
      },
      negated,
      directoryOnly,
      literalPrefix,
      ...(withinSegment ? { anyDepth: anyDepth(prefix, line, body) } : {}),
      ...(firstSegment ? { firstSegment } : {}),
    });
  }
  return rules;
}

/** The last-segment test of an unanchored pattern: a plain name compares, `*.ext` checks the ending, the rest is an expression. */
function anyDepth(prefix: string, glob: string, body: string): NonNullable<IgnoreRule['anyDepth']> {
  const exact = WILDCARD.test(glob) ? undefined : glob;
  const suffix = exact === undefined && glob.startsWith('*') && !WILDCARD.test(glob.slice(1)) ? glob.slice(1) : undefined;
  // Only a pattern with no name or suffix to compare needs its expression (compiled on first use).
  let name: RegExp | undefined;
  return {
    prefix,
    get name() {
      return (name ??= new RegExp(`^${body}$`));
    },
    ...(exact !== undefined ? { exact } : {}),
    ...(suffix !== undefined ? { suffix } : {}),
  };
}

function segmentMatches(test: NonNullable<IgnoreRule['anyDepth']>, lastSegment: string): boolean {
  if (test.exact !== undefined) return lastSegment === test.exact;
  if (test.suffix !== undefined) return lastSegment.endsWith(test.suffix);
  return test.name.test(lastSegment);
}

function matches(rule: IgnoreRule, relativePath: string, lastSegment: string): boolean {
  return rule.anyDepth
    ? relativePath.length > rule.anyDepth.prefix.length && relativePath.startsWith(rule.anyDepth.prefix) && segmentMatches(rule.anyDepth, lastSegment)
    : relativePath.startsWith(rule.literalPrefix) && rule.regex.test(relativePath);
}

/**
 * A list of rules arranged so that a path meets only those that can match it: rules naming a last
 * segment (`node_modules`, `.env`) by that name, anchored rules by the folder they start in, the rest
 * in order. A walk tests every path against every rule of every .gitignore above it, most of them
 * anchored paths of another folder; each list is arranged once (keyed by the array, which a walk
 * shares between folders without a .gitignore of their own).
 */
interface ArrangedRules {
  byName: Map<string, number[]>;
  byFirstSegment: Map<string, number[]>;
  rest: number[];
}

const arranged = new WeakMap<readonly IgnoreRule[], ArrangedRules>();

function arrange(rules: readonly IgnoreRule[]): ArrangedRules {
  let result = arranged.get(rules);
  if (result) return result;
  result = { byName: new Map(), byFirstSegment: new Map(), rest: [] };
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  rules.forEach((rule, index) => {
    if (rule.anyDepth?.exact !== undefined) add(result!.byName, rule.anyDepth.exact, index);
    else if (rule.firstSegment !== undefined) add(result!.byFirstSegment, rule.firstSegment, index);
    else result!.rest.push(index);
  });
  arranged.set(rules, result);
  return result;
}

/** The highest index in `indices` (ascending) above `best` whose rule matches, else `best`. */
function lastMatch(rules: readonly IgnoreRule[], indices: readonly number[] | undefined, best: number, relativePath: string, lastSegment: string, isDirectory: boolean): number {
  if (!indices) return best;
  for (let i = indices.length - 1; i >= 0 && indices[i]! > best; i--) {
    const rule = rules[indices[i]!]!;
    if (rule.directoryOnly && !isDirectory) continue;
    if (matches(rule, relativePath, lastSegment)) return indices[i]!;
  }
  return best;
}

/** Git's answer: the last rule that matches decides, ignoring unless it is negated. */
export function isIgnored(rules: readonly IgnoreRule[], relativePath: string, isDirectory: boolean): boolean {
  if (rules.length === 0) return false;
  const { byName, byFirstSegment, rest } = arrange(rules);
  const lastSegment = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const slash = relativePath.indexOf('/');
  const firstSegment = slash === -1 ? relativePath : relativePath.slice(0, slash);
  let best = lastMatch(rules, byName.get(lastSegment), -1, relativePath, lastSegment, isDirectory);
  best = lastMatch(rules, byFirstSegment.get(firstSegment), best, relativePath, lastSegment, isDirectory);
  best = lastMatch(rules, rest, best, relativePath, lastSegment, isDirectory);
  return best !== -1 && !rules[best]!.negated;
}

export type { IgnoreRule };
