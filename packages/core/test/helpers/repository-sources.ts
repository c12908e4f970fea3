import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSourceFile } from '../../src/project/paths.js';

/** This repository's root: its own sources are the widest corpus a test can run over without fetching one. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

const SKIP = new Set(['node_modules', 'dist', '.git', '.tmp', 'coverage', '.generated', '.scratch']);

/** Every source file under `directory`, build output, dependencies and scratch folders left out. */
export function sourceFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(full);
    return entry.isFile() && isSourceFile(entry.name) ? [full] : [];
  });
}
