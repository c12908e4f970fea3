import path from 'node:path';
import { readJsonFile } from '../project/json.js';
import type { ProjectContext } from '../types.js';

/** A compiler option of a tsconfig, following `extends` a few levels (shared base configs hold most). */
async function compilerOption(file: string, name: string): Promise<unknown> {
  let current = file;
  for (let depth = 0; depth < 5; depth++) {
    const config = await readJsonFile(current);
    if (!config) return undefined;
    const options = config.compilerOptions as Record<string, unknown> | undefined;
    if (options && name in options) return options[name];
    const parent = typeof config.extends === 'string' && config.extends.startsWith('.') ? config.extends : null;
    if (!parent) return undefined;
    current = path.resolve(path.dirname(current), parent.endsWith('.json') ? parent : `${parent}.json`);
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
  const verdicts = await Promise.all(projectConfigs(allFiles).map((file) => compilerOption(path.join(root, file), 'strict')));
  return { used, strict: verdicts.length > 0 && verdicts.every((verdict) => verdict === true) };
}

/**
 * What a TypeScript project runs as: `module: commonjs` compiles ESM syntax to CommonJS, `es20xx`
 * keeps ES modules, `node16`/`nodenext` follow package.json `type`. Null without TypeScript or a
 * `module` option, where the sources' own syntax decides.
 */
export async function compiledModuleSystem(root: string, allFiles: readonly string[], packageIsModule: boolean): Promise<ProjectContext['moduleSystem'] | null> {
  if (!usesTypeScript(allFiles)) return null;
  const [first] = projectConfigs(allFiles);
  if (!first) return null;
  const module = await compilerOption(path.join(root, first), 'module');
  if (typeof module !== 'string') return null;
  const value = module.toLowerCase();
  if (value === 'commonjs' || value === 'umd' || value === 'amd') return 'commonjs';
  if (value.startsWith('node')) return packageIsModule ? 'esm' : 'commonjs';
  return 'esm';
}
