/**
 * A .gitignore matcher for runs outside a git work tree (inside one, git itself answers).
 * Supports the syntax real repositories use: `*`, `**`, `?`, anchoring with `/`, directory-only
 * patterns with a trailing `/`, and `!` negation, evaluated last-match-wins like git.
 */
interface IgnoreRule {
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
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
    rules.push({ regex: new RegExp(source), negated, directoryOnly });
  }
  return rules;
}

export function isIgnored(rules: readonly IgnoreRule[], relativePath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.regex.test(relativePath)) ignored = !rule.negated;
  }
  return ignored;
}

export type { IgnoreRule };
