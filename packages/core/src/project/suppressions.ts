import type { LineIndex } from '../ast/locate.js';

/** `// strata-ignore-next-line <rule-id>[, <rule-id>] -- <reason>` or `// strata-ignore-file <rule-id> -- <reason>`. */
export interface Suppression {
  scope: 'next-line' | 'file';
  rules: string[];
  /** Empty when the comment gives none: then it suppresses nothing and is itself reported. */
  reason: string;
  /** Where the comment is (1-based). */
  line: number;
  column: number;
}

const DIRECTIVE = /^\s*\*?\s*strata-ignore-(next-line|file)\b([^]*)$/;

/** Reads the suppression comments of a file; only files that mention `strata-ignore` are looked at. */
export function readSuppressions(source: string, comments: readonly { value: string; start: number }[], lines: LineIndex): Suppression[] {
  if (!source.includes('strata-ignore')) return [];
  const found: Suppression[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value);
    if (!match) continue;
    const [head = '', ...reasonParts] = match[2]!.split(/\s--\s?|\s--$/);
    const rules = head
      .split(/[\s,]+/)
      .map((rule) => rule.trim())
      .filter(Boolean);
    found.push({ scope: match[1] as Suppression['scope'], rules, reason: reasonParts.join(' -- ').trim(), ...lines.locate(comment.start) });
  }
  return found;
}
