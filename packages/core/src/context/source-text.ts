import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileAnalysis } from '../project/file-analysis.js';

/** Beyond this many files a usage question has its answer or none: bounded work on huge repos. */
const MAX_FILES = 40;

export interface SourceText {
  file: string;
  text: string;
}

/**
 * Synchronous on purpose: the files were read moments ago by the parse and sit in the page cache, and
 * each read through the thread pool cost a round trip the main thread spent idle (a question may
 * read up to MAX_SCANNED files).
 */
function readAll(root: string, files: readonly string[]): SourceText[] {
  const texts: SourceText[] = [];
  for (const file of files) {
    try {
      const text = readFileSync(path.join(root, file), 'utf8');
      if (text !== '') texts.push({ file, text });
    } catch {
      // unreadable now: it answers nothing
    }
  }
  return texts;
}

/**
 * The text of the source files whose imports match, read again on demand. How a library is used
 * (a `logger:` option, a TTL on a Redis write) is asked of a handful of files, so it is read here
 * rather than paid for in every file's walk; most of these files would not be walked at all.
 */
export async function sourcesImporting(
  root: string,
  analyses: ReadonlyMap<string, FileAnalysis>,
  matches: (specifier: string) => boolean,
  include: (file: string) => boolean = () => true,
): Promise<SourceText[]> {
  const files = [...analyses]
    .filter(([file, analysis]) => include(file) && analysis.imports.some((entry) => matches(entry.specifier)))
    .map(([file]) => file)
    .sort()
    .slice(0, MAX_FILES);
  return readAll(root, files);
}

/** Beyond this many files read for one question, the answer is taken from what was read. */
const MAX_SCANNED = 600;

/**
 * The source files whose text matches, for a client that reaches code through injection
 * (`fastify.redis`, a constructor parameter) rather than an import: only asked when the library is
 * installed, and bounded.
 */
export async function sourcesMentioning(root: string, files: readonly string[], pattern: RegExp): Promise<SourceText[]> {
  const found: SourceText[] = [];
  for (let start = 0; start < Math.min(files.length, MAX_SCANNED) && found.length < MAX_FILES; start += 50) {
    const batch = readAll(root, files.slice(start, Math.min(start + 50, MAX_SCANNED)));
    found.push(...batch.filter((source) => pattern.test(source.text)));
  }
  return found.slice(0, MAX_FILES);
}

/** A specifier naming a package or one of its subpaths: `fastify`, `redis/dist/x`, not `fastify-plugin`. */
export function namesPackage(specifier: string, packages: readonly string[]): boolean {
  return packages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}
