import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ScaffoldError } from '../errors.js';
import { exists, listFiles, readJson, writeFileEnsuringDir } from '../fs-utils.js';
import { assertValidName, singular } from '../names.js';
import { DEFAULT_TEMPLATES_DIR, GENERATORS_DIR } from '../paths.js';
import { insertAtAnchor } from './anchors.js';
import { nameTokens, render, type Tokens } from './render.js';

export type GeneratorKind = 'module' | 'entity' | 'value-object' | 'use-case' | 'repository' | 'route';
export const GENERATOR_KINDS: readonly GeneratorKind[] = ['module', 'entity', 'value-object', 'use-case', 'repository', 'route'];

export interface AddOptions {
  /** The generated project's root (where package.json and src/bootstrap live). */
  root: string;
  kind: GeneratorKind;
  name: string;
  /** The feature module to add to; required for every kind except `module`. */
  module?: string;
  /** For `module`: the aggregate's name; defaults to the singular of the module name. */
  entity?: string;
  /** For `route`: HTTP method and path. */
  method?: 'GET' | 'POST';
  path?: string;
  force?: boolean;
  templatesDir?: string;
}

export interface AddResult {
  /** Files created, relative to root. */
  written: string[];
  /** Existing files that received a registration line. */
  updated: string[];
}

/** templates/generators/<kind>/generator.json */
interface GeneratorSpec {
  insertions: { file: string; anchor: string; line: string }[];
  /** Other generators this one builds on, run first when their files are missing (route → use-case). */
  requires?: GeneratorKind[];
}

const SPEC_FILE = 'generator.json';
const COMPOSITION_ROOT = 'src/bootstrap/container.ts';

/**
 * Renders a generator's template files into the project's layers and registers the result at the
 * anchors of the composition root. Plans everything before writing, so a conflict or a missing
 * anchor leaves the project untouched.
 */
export async function addToProject(options: AddOptions): Promise<AddResult> {
  const root = resolve(options.root);
  if (!(await exists(join(root, COMPOSITION_ROOT)))) {
    throw new ScaffoldError('NOT_A_STRATA_PROJECT', `${root} has no ${COMPOSITION_ROOT}; run this inside a project made by \`strata new\``);
  }
  const generatorsDir = join(options.templatesDir ?? DEFAULT_TEMPLATES_DIR, GENERATORS_DIR);
  const tokens = await tokensFor(root, options);
  const kinds = await kindsToRun(root, generatorsDir, options.kind, tokens);

  const files = new Map<string, string>();
  const edits = new Map<string, string>();
  for (const kind of kinds) {
    const dir = join(generatorsDir, kind);
    const spec = await readJson<GeneratorSpec>(join(dir, SPEC_FILE));
    for (const template of await listFiles(dir)) {
      if (template === SPEC_FILE) continue;
      const target = render(template.replace(/\.tpl$/, ''), tokens);
      files.set(target, render(await readFile(join(dir, template), 'utf8'), tokens));
    }
    for (const insertion of spec.insertions) {
      const file = render(insertion.file, tokens);
      const current = edits.get(file) ?? files.get(file) ?? (await readIfExists(join(root, file)));
      if (current === undefined) throw new ScaffoldError('UNKNOWN_MODULE', `${file} does not exist`);
      edits.set(file, insertAtAnchor(current, insertion.anchor, render(insertion.line, tokens), file));
    }
  }

  const conflicts = [];
  for (const target of files.keys()) if (await exists(join(root, target))) conflicts.push(target);
  if (conflicts.length > 0 && !options.force) {
    throw new ScaffoldError('FILE_EXISTS', `Would overwrite ${conflicts.join(', ')} (use --force to overwrite)`);
  }

  for (const [target, content] of files) await writeFileEnsuringDir(join(root, target), edits.get(target) ?? content);
  const updated: string[] = [];
  for (const [file, content] of edits) {
    if (files.has(file)) continue;
    await writeFile(join(root, file), content);
    updated.push(file);
  }
  return { written: [...files.keys()].sort(), updated: updated.sort() };
}

async function readIfExists(path: string): Promise<string | undefined> {
  return (await exists(path)) ? readFile(path, 'utf8') : undefined;
}

async function tokensFor(root: string, options: AddOptions): Promise<Tokens> {
  const name = assertValidName(options.name, options.kind);
  const migration = String((await lastMigrationNumber(root)) + 1).padStart(4, '0');
  if (options.kind === 'module') {
    if ((await exists(join(root, 'src/modules', name))) && !options.force) {
      throw new ScaffoldError('FILE_EXISTS', `Module "${name}" already exists`);
    }
    const entity = assertValidName(options.entity ?? singular(name), 'entity');
    return { ...nameTokens('module', name), ...nameTokens('entity', entity), migration };
  }
  if (!options.module) throw new ScaffoldError('UNKNOWN_MODULE', `--module is required for ${options.kind}`);
  const module = assertValidName(options.module, 'module');
  if (!(await exists(join(root, 'src/modules', module)))) {
    const known = await readdir(join(root, 'src/modules')).catch(() => []);
    throw new ScaffoldError('UNKNOWN_MODULE', `No module "${module}" in src/modules (have: ${known.join(', ') || 'none'})`);
  }
  const method = options.method ?? 'POST';
  return {
    ...nameTokens('module', module),
    ...nameTokens('name', name),
    migration,
    method,
    path: options.path ?? `/${module}/${name}`,
    input: method === 'GET' ? 'query' : 'body',
  };
}

async function kindsToRun(root: string, generatorsDir: string, kind: GeneratorKind, tokens: Tokens): Promise<GeneratorKind[]> {
  const spec = await readJson<GeneratorSpec>(join(generatorsDir, kind, SPEC_FILE));
  const kinds: GeneratorKind[] = [];
  for (const required of spec.requires ?? []) {
    // A prerequisite is generated only when its main file is missing (e.g. the route's use case).
    const mainFile = (await listFiles(join(generatorsDir, required))).find((file) => file.startsWith('src/'));
    if (mainFile && !(await exists(join(root, render(mainFile.replace(/\.tpl$/, ''), tokens))))) kinds.push(required);
  }
  kinds.push(kind);
  return kinds;
}

async function lastMigrationNumber(root: string): Promise<number> {
  const names = await readdir(join(root, 'migrations')).catch(() => [] as string[]);
  return names.reduce((max, file) => Math.max(max, Number(/^(\d{4})_/.exec(file)?.[1] ?? 0)), 0);
}
