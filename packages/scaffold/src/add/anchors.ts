import { ScaffoldError } from '../errors.js';

/**
 * Inserts `line` just above the anchor comment (e.g. `// strata:register-modules`) with the anchor's
 * indentation. The anchor stays, so the next generator can insert again; a line already present is
 * not added twice.
 */
export function insertAtAnchor(source: string, anchor: string, line: string, file: string): string {
  const lines = source.split('\n');
  const index = lines.findIndex((candidate) => candidate.trim() === anchor);
  if (index === -1) {
    throw new ScaffoldError('MISSING_ANCHOR', `${file} has no "${anchor}" line; add it where generated code should be registered`);
  }
  if (lines.some((candidate) => candidate.trim() === line.trim())) return source;
  const indent = /^\s*/.exec(lines[index] ?? '')?.[0] ?? '';
  lines.splice(index, 0, indent + line.trim());
  return lines.join('\n');
}
