import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readJsonFile } from '../project/json.js';
import type { ProjectContext } from '../types.js';

type ModuleSystem = ProjectContext['moduleSystem'];

export interface BundlerVerdict {
  system: ModuleSystem;
  evidence: string;
}

const TSUP_CONFIG = /(^|\/)tsup\.config\.([cm]?[jt]s|json)$/;
const WEBPACK_CONFIG = /(^|\/)webpack\.config\.[cm]?[jt]s$/;
const ESBUILD_CONFIG = /(^|\/)(esbuild\.config|build)\.[cm]?[jt]s$|(^|\/)scripts\/[^/]*build[^/]*\.[cm]?[jt]s$/;

/** The module systems a `format` value names: `cjs`, `esm`, a list of them, `cjs,esm` on a command line. */
function systemsOf(formats: readonly string[]): Set<ModuleSystem | 'browser'> {
  return new Set(formats.map((format) => (/^(cjs|commonjs)$/i.test(format) ? 'commonjs' : /^esm$/i.test(format) ? 'esm' : 'browser')));
}

/** One module system, or null when the build emits both (a dual package: the source syntax decides). */
function single(formats: readonly string[]): ModuleSystem | null {
  const systems = [...systemsOf(formats)].filter((system): system is ModuleSystem => system !== 'browser');
  return systems.length === 1 ? systems[0]! : null;
}

/** `format: 'cjs'` or `format: ['esm']` in a config file's text. */
function formatsInConfig(text: string): string[] | null {
  const match = /\bformat['"]?\s*:\s*(\[[^\]]*\]|['"][a-z]+['"])/i.exec(text);
  return match ? [...match[1]!.matchAll(/['"]([a-z]+)['"]/gi)].map((entry) => entry[1]!) : null;
}

/**
 * tsup and esbuild invoked from a script: `tsup src/main.ts --format esm`, `esbuild src/main.ts
 * --bundle --platform=node --format=cjs`. Both default to CommonJS for Node (tsup always, esbuild
 * when bundling for the node platform), which is what a TypeScript service that writes `import`
 * then runs as.
 */
function scriptVerdict(file: string, name: string, command: string): BundlerVerdict | null {
  const tool = /(?:^|[\s"'`])(tsup|esbuild)(?=\s|$)/.exec(command)?.[1];
  if (!tool) return null;
  const flag = /--format[=\s]+([a-z,]+)/i.exec(command)?.[1];
  const where = `the "${name}" script of ${file}`;
  if (flag) {
    const system = single(flag.split(','));
    return system ? { system, evidence: `${tool} --format ${flag} in ${where}` } : null;
  }
  if (tool === 'tsup') return { system: 'commonjs', evidence: `tsup (CommonJS unless told otherwise) in ${where}` };
  return /--bundle/.test(command) && /--platform[=\s]+node/.test(command) ? { system: 'commonjs', evidence: `esbuild --platform=node (CommonJS by default) in ${where}` } : null;
}

interface NxTarget {
  executor?: string;
  options?: { format?: unknown; target?: unknown };
}

/**
 * Nx builds a project with the executor of its `build` target: `@nx/esbuild:esbuild` emits its
 * `format` option (ES modules unless told), a node webpack build emits CommonJS.
 */
async function nxVerdicts(root: string, allFiles: readonly string[]): Promise<BundlerVerdict[]> {
  const verdicts: BundlerVerdict[] = [];
  for (const file of allFiles.filter((candidate) => /(^|\/)project\.json$/.test(candidate)).slice(0, 50)) {
    const build = ((await readJsonFile(path.join(root, file)))?.targets as Record<string, NxTarget> | undefined)?.build;
    const executor = build?.executor ?? '';
    if (/esbuild/.test(executor)) {
      const formats = [build?.options?.format ?? 'esm'].flat().filter((format): format is string => typeof format === 'string');
      const system = single(formats);
      if (system) verdicts.push({ system, evidence: `${executor} format ${formats.join(', ')} in ${file}` });
    } else if (/(node|webpack)/.test(executor) && (/node/.test(executor) || build?.options?.target === 'node')) {
      verdicts.push({ system: 'commonjs', evidence: `${executor} (CommonJS for node) in ${file}` });
    }
  }
  return verdicts;
}

/**
 * webpack builds for Node with `target: 'node'` and emits CommonJS chunks unless the config turns
 * on `outputModule`.
 */
function webpackVerdict(file: string, text: string): BundlerVerdict | null {
  if (!/target['"]?\s*:\s*['"](async-)?node[\d.]*['"]/.test(text)) return null;
  return /outputModule\s*:\s*true/.test(text)
    ? { system: 'esm', evidence: `webpack for node with outputModule in ${file}` }
    : { system: 'commonjs', evidence: `webpack for node (CommonJS) in ${file}` };
}

async function configVerdicts(root: string, allFiles: readonly string[]): Promise<BundlerVerdict[]> {
  const verdicts: BundlerVerdict[] = [];
  const configs = allFiles.filter((file) => TSUP_CONFIG.test(file) || ESBUILD_CONFIG.test(file) || WEBPACK_CONFIG.test(file)).slice(0, 20);
  for (const file of configs) {
    const text = await fs.readFile(path.join(root, file), 'utf8').catch(() => '');
    if (WEBPACK_CONFIG.test(file)) {
      const verdict = webpackVerdict(file, text);
      if (verdict) verdicts.push(verdict);
      continue;
    }
    const tsup = TSUP_CONFIG.test(file);
    // A file called build.mjs is only evidence when it drives esbuild.
    if (!tsup && !/\besbuild\b/.test(text)) continue;
    const formats = formatsInConfig(text);
    const system = formats ? single(formats) : tsup || /platform\s*:\s*['"]node['"]/.test(text) ? 'commonjs' : null;
    if (system) verdicts.push({ system, evidence: formats ? `format ${formats.join(', ')} in ${file}` : `${tsup ? 'tsup' : 'esbuild for node'} with no format (CommonJS) in ${file}` });
  }
  return verdicts;
}

/**
 * What a bundled service runs as: the format tsup or esbuild emits, from their config files, a
 * `tsup` key of package.json, the flags of a script, an Nx project's build executor, or a webpack
 * config that targets Node. Null when nothing is bundled or the build
 * emits both formats; `mixed` when packages of a monorepo are bundled differently.
 */
export async function bundledModuleSystem(
  root: string,
  allFiles: readonly string[],
  manifests: readonly { file: string; manifest: Record<string, unknown> }[],
): Promise<BundlerVerdict | null> {
  const verdicts = [...(await configVerdicts(root, allFiles)), ...(await nxVerdicts(root, allFiles))];
  for (const { file, manifest } of manifests) {
    const tsupKey = manifest.tsup as { format?: unknown } | undefined;
    if (tsupKey && typeof tsupKey === 'object') {
      const formats = [tsupKey.format].flat().filter((format): format is string => typeof format === 'string');
      const system = formats.length ? single(formats) : 'commonjs';
      if (system) verdicts.push({ system, evidence: `tsup key of ${file}` });
    }
    for (const [name, script] of Object.entries((manifest.scripts as Record<string, unknown> | undefined) ?? {})) {
      if (typeof script !== 'string') continue;
      for (const command of script.split(/&&|\|\||;/)) {
        const verdict = scriptVerdict(file, name, command);
        if (verdict) verdicts.push(verdict);
      }
    }
  }
  const systems = new Set(verdicts.map((verdict) => verdict.system));
  if (systems.size === 0) return null;
  if (systems.size === 1) return verdicts[0]!;
  return { system: 'mixed', evidence: verdicts.map((verdict) => verdict.evidence).join('; ') };
}
