import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Files whose content changes how specifiers resolve: compiler paths, package maps, installed packages. */
const RESOLUTION_INPUT = /(^|\/)(tsconfig[^/]*\.json|jsconfig\.json|package\.json|package-lock\.json|pnpm-lock\.yaml|yarn\.lock|pnpm-workspace\.yaml)$/;

/**
 * A key for the module-resolution cache. Resolution depends on which files exist and on the
 * resolution inputs above, not on the contents of source files, so the key hashes the file list
 * and those inputs only: editing code keeps the cached resolutions, adding or moving a file drops them.
 */
export async function resolutionLayoutKey(root: string, allFiles: readonly string[]): Promise<string> {
  const hash = createHash('sha1');
  for (const file of allFiles) {
    hash.update(file).update('\0');
    if (RESOLUTION_INPUT.test(file)) {
      try {
        hash.update(readFileSync(path.join(root, file)));
      } catch {
        hash.update('unreadable');
      }
    }
  }
  return hash.digest('hex');
}
