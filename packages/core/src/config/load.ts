import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { StrataError } from '../errors.js';
import { readJsonFile } from '../project/json.js';
import { configSchema, type StrataConfig } from './schema.js';

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
    const { transformSync } = await import('oxc-transform');
    const output = transformSync(file, await fs.readFile(file, 'utf8'), { lang: 'ts' });
    if (output.errors.length) throw new Error(output.errors[0]!.message);
    target = `${file}.${process.pid}.mjs`;
    await fs.writeFile(target, output.code);
  }
  try {
    const loaded = (await import(`${pathToFileURL(target).href}?t=${Date.now()}`)) as { default?: unknown };
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

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.map(String).join('.') || '(root)';
  return `"${key}": ${issue.message}`;
}

/** Validates once at the boundary, names the offending key and what was expected, then freezes. */
export function validateConfig(raw: unknown, source: string | null): StrataConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const where = source ? path.basename(source) : 'config';
    const issues = parsed.error.issues.map(describeIssue);
    throw new StrataError('CONFIG_INVALID', `Invalid ${where}: ${issues.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}

export async function loadConfig(root: string, explicit?: string): Promise<LoadedConfig> {
  const { raw, source } = await readRawConfig(root, explicit);
  return { config: validateConfig(raw, source), source };
}
