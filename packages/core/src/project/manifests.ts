import path from 'node:path';
import { readJsonFile } from './json.js';

export interface ManifestFile {
  /** Relative path of the package.json. */
  file: string;
  manifest: Record<string, unknown>;
}

/** Every readable package.json of the repository, the root first (shortest path first). */
export async function readManifests(root: string, allFiles: readonly string[]): Promise<ManifestFile[]> {
  const files = allFiles.filter((file) => file === 'package.json' || file.endsWith('/package.json'));
  const read = await Promise.all(files.map(async (file) => ({ file, manifest: await readJsonFile(path.join(root, file)) })));
  return read.filter((entry): entry is ManifestFile => entry.manifest !== null).sort((a, b) => a.file.length - b.file.length);
}
