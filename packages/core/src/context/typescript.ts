import path from 'node:path';
import { compilerOption } from '../project/tsconfig.js';
import type { ProjectContext } from '../types.js';

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
