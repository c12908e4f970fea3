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
  anyDepth?: { prefix: string; name: RegExp };
}

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
    rules.push({ regex: new RegExp(source), negated, directoryOnly, ...(withinSegment ? { anyDepth: { prefix, name: new RegExp(`^${body}$`) } } : {}) });
  }
  return rules;
}

export function isIgnored(rules: readonly IgnoreRule[], relativePath: string, isDirectory: boolean): boolean {
  let ignored = false;
  const lastSegment = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    const matches = rule.anyDepth
      ? relativePath.length > rule.anyDepth.prefix.length && relativePath.startsWith(rule.anyDepth.prefix) && rule.anyDepth.name.test(lastSegment)
      : rule.regex.test(relativePath);
    if (matches) ignored = !rule.negated;
  }
  return ignored;
}

export type { IgnoreRule };
