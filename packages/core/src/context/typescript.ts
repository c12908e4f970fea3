import path from 'node:path';
import { readJsonFile } from '../project/json.js';
import type { ProjectContext } from '../types.js';

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
async function compilerOption(file: string, name: string, root: string, depth = 0): Promise<unknown> {
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

function usesTypeScript(allFiles: readonly string[]): boolean {
  return allFiles.some((file) => /\.(ts|tsx|mts|cts)$/.test(file) && !file.endsWith('.d.ts'));
}

/** The project tsconfigs: the root one, else each package's. */
function projectConfigs(allFiles: readonly string[]): string[] {
  return allFiles.includes('tsconfig.json') ? ['tsconfig.json'] : allFiles.filter((file) => file.endsWith('/tsconfig.json'));
}

/** Strict when every project tsconfig turns `strict` on. */
export async function typescriptStrictness(root: string, allFiles: readonly string[]): Promise<ProjectContext['typescript']> {
  const used = usesTypeScript(allFiles);
  if (!used) return { used, strict: null };
  const verdicts = await Promise.all(projectConfigs(allFiles).map((file) => compilerOption(path.join(root, file), 'strict', root)));
  return { used, strict: verdicts.length > 0 && verdicts.every((verdict) => verdict === true) };
}

/**
 * What a TypeScript project runs as: `module: commonjs` compiles ESM syntax to CommonJS, `es20xx`
 * and `preserve` keep ES modules, `node16`/`nodenext` follow the `type` of the package that holds
 * the tsconfig. Null without TypeScript or a `module` option, where the sources' own syntax decides.
 */
export async function compiledModuleSystem(
  root: string,
  allFiles: readonly string[],
  manifests: readonly { file: string; manifest: Record<string, unknown> }[],
): Promise<ProjectContext['moduleSystem'] | null> {
  if (!usesTypeScript(allFiles)) return null;
  const [first] = projectConfigs(allFiles);
  if (!first) return null;
  const module = await compilerOption(path.join(root, first), 'module', root);
  if (typeof module !== 'string') return null;
  const value = module.toLowerCase();
  if (value === 'commonjs' || value === 'umd' || value === 'amd') return 'commonjs';
  if (!value.startsWith('node')) return 'esm';
  const folder = path.posix.dirname(first);
  const owner = manifests
    .filter(({ file }) => file === 'package.json' || folder === path.posix.dirname(file) || folder.startsWith(`${path.posix.dirname(file)}/`))
    .sort((a, b) => b.file.length - a.file.length)[0];
  return owner?.manifest.type === 'module' ? 'esm' : 'commonjs';
}
