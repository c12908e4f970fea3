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
export async function compilerOption(file: string, name: string, root: string): Promise<unknown> {
  return (await compilerOptions(file, [name], root))[name];
}

/**
 * Several compiler options of a tsconfig at once, each config of the `extends` chain read once:
 * asking for four options one by one read and parsed every config of the chain four times (novu's
 * 42 tsconfigs). An option the file sets is its value; otherwise the first parent that has one.
 */
export async function compilerOptions(file: string, names: readonly string[], root: string, depth = 0): Promise<Partial<Record<string, unknown>>> {
  const config = await readJsonFile(file);
  if (!config || depth > 5) return {};
  const options = (config.compilerOptions as Record<string, unknown> | undefined) ?? {};
  const found: Partial<Record<string, unknown>> = {};
  for (const name of names) if (name in options) found[name] = options[name];
  for (const parent of parentConfigs(file, root, config.extends)) {
    const missing = names.filter((name) => found[name] === undefined);
    if (!missing.length) break;
    const inherited = await compilerOptions(parent, missing, root, depth + 1);
    for (const name of missing) if (inherited[name] !== undefined) found[name] = inherited[name];
  }
  return found;
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
