import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileAnalysis } from '../project/file-analysis.js';

/** Beyond this many files a usage question has its answer or none: bounded work on huge repos. */
const MAX_FILES = 40;

export interface SourceText {
  file: string;
  text: string;
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
  const texts = await Promise.all(files.map(async (file) => ({ file, text: await fs.readFile(path.join(root, file), 'utf8').catch(() => '') })));
  return texts.filter((source) => source.text !== '');
}

/** A specifier naming a package or one of its subpaths: `fastify`, `redis/dist/x`, not `fastify-plugin`. */
export function namesPackage(specifier: string, packages: readonly string[]): boolean {
  return packages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}
