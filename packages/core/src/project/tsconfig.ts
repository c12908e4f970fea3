import path from 'node:path';
import { readJsonFile } from './json.js';

/**
 * The files a tsconfig `extends`: relative paths, and shared bases from node_modules
 * (`@tsconfig/node20/tsconfig.json`, `fastify-tsconfig`) when they are installed. TypeScript 5
 * allows a list, where later entries win.
 */
function parentConfigs(file: string, root: string, extended: unknown): string[] {
  const specifiers = [extended].flat().filter((entry): entry is string => typeof entry === 'string');
  return specifiers.reverse().map((specifier) => {
    const base = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : path.join(root, 'node_modules', specifier);
    if (specifier.endsWith('.json')) return base;
    return specifier.startsWith('.') || specifier.split('/').length > (specifier.startsWith('@') ? 2 : 1) ? `${base}.json` : path.join(base, 'tsconfig.json');
  });
}

/** A compiler option of a tsconfig, following `extends` a few levels (shared base configs hold most). */
export async function compilerOption(file: string, name: string, root: string, depth = 0): Promise<unknown> {
  const config = await readJsonFile(file);
  if (!config || depth > 5) return undefined;
  const options = config.compilerOptions as Record<string, unknown> | undefined;
  if (options && name in options) return options[name];
  for (const parent of parentConfigs(file, root, config.extends)) {
    const value = await compilerOption(parent, name, root, depth + 1);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The tsconfig.json nearest to a file, walking up to the root; null when there is none. */
export function nearestTsconfigIn(allFiles: ReadonlySet<string>, relative: string): string | null {
  let folder = path.posix.dirname(relative);
  for (;;) {
    const candidate = folder === '.' ? 'tsconfig.json' : `${folder}/tsconfig.json`;
    if (allFiles.has(candidate)) return candidate;
    if (folder === '.' || folder === '') return null;
    folder = path.posix.dirname(folder);
  }
}
