import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StrataError } from '../errors.js';
import { importModule } from '../import-module.js';
import { readJsonFile } from '../project/json.js';
import { DEFAULT_CONFIG } from './defaults.js';
import type { StrataConfig } from './schema.js';

const CONFIG_FILES = ['strata.config.json', 'strata.config.mjs', 'strata.config.js', 'strata.config.ts'];

export interface LoadedConfig {
  config: StrataConfig;
  /** The file it came from, or null for the defaults. */
  source: string | null;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Evaluates a module config. TypeScript is stripped with oxc-transform first, since Node 20 cannot import .ts. */
async function importModuleConfig(file: string): Promise<unknown> {
  let target = file;
  if (file.endsWith('.ts')) {
    const { transformSync } = await importModule<typeof import('oxc-transform')>('oxc-transform');
    const output = transformSync(file, await fs.readFile(file, 'utf8'), { lang: 'ts' });
    if (output.errors.length) throw new Error(output.errors[0]!.message);
    target = `${file}.${process.pid}.mjs`;
    await fs.writeFile(target, output.code);
  }
  try {
    const loaded = await importModule<{ default?: unknown }>(`${pathToFileURL(target).href}?t=${Date.now()}`);
    return loaded.default ?? loaded;
  } finally {
    if (target !== file) await fs.rm(target, { force: true });
  }
}

/** Finds and reads the raw config: loading is separate from validating. */
export async function readRawConfig(root: string, explicit?: string): Promise<{ raw: unknown; source: string | null }> {
  const candidates = explicit ? [path.resolve(root, explicit)] : CONFIG_FILES.map((name) => path.join(root, name));
  for (const file of candidates) {
    if (!(await exists(file))) {
      if (explicit) throw new StrataError('CONFIG_UNREADABLE', `Config file not found: ${explicit}`);
      continue;
    }
    try {
      if (file.endsWith('.json')) {
        const text = await fs.readFile(file, 'utf8');
        return { raw: JSON.parse(text), source: file };
      }
      return { raw: await importModuleConfig(file), source: file };
    } catch (error) {
      throw new StrataError('CONFIG_UNREADABLE', `${path.basename(file)} could not be read: ${(error as Error).message}`);
    }
  }
  const manifest = await readJsonFile(path.join(root, 'package.json'));
  if (manifest && 'strata' in manifest) return { raw: manifest.strata, source: path.join(root, 'package.json#strata') };
  return { raw: {}, source: null };
}

export async function loadConfig(root: string, explicit?: string): Promise<LoadedConfig> {
  const { raw, source } = await readRawConfig(root, explicit);
  // Most runs have no config: the defaults need no validation, and skipping it skips loading Zod.
  if (source === null) return { config: DEFAULT_CONFIG, source };
  const { validateConfig } = await import('./validate.js');
  return { config: validateConfig(raw, source), source };
}
