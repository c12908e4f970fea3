import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ScaffoldError } from './errors.js';
import { applyFeatureMarkers, FEATURES, MARKED_FILE, type Feature } from './features.js';
import { dotfileName, exists, isNonEmptyDir, listFiles, writeFileEnsuringDir } from './fs-utils.js';
import { cutLockfile } from './lockfile.js';
import { OVERLAY_MANIFEST, readOverlayManifest, readTemplateManifest, TEMPLATE_MANIFEST } from './manifest.js';
import { assertValidName } from './names.js';
import { editDependencies, useEnvFile, type PackageJson } from './package-json.js';
import { BASE_TEMPLATE, DEFAULT_TEMPLATES_DIR } from './paths.js';
import { readTemplatesLockfile } from './template-lockfile.js';

export type Framework = 'fastify' | 'express';
export const FRAMEWORKS: readonly Framework[] = ['fastify', 'express'];

export type DatabaseChoice = { kind: 'pglite' } | { kind: 'postgres'; url: string };

export interface NewProjectOptions {
  targetDir: string;
  /** npm package and service name; defaults to the target folder's name. */
  name?: string;
  framework: Framework;
  database: DatabaseChoice;
  features: Record<Feature, boolean>;
  /** Write into a non-empty folder, overwriting files of the same name. */
  force?: boolean;
  templatesDir?: string;
}

export interface NewProjectResult {
  root: string;
  name: string;
  /** Written files, relative to root, sorted. */
  files: string[];
}

/** Build artefacts and local state that may exist in the template folder but never ship. */
const IGNORED = new Set(['node_modules', 'dist', '.data', 'coverage', '.tmp']);

/**
 * Copies templates/fastify, lays the framework overlay over it, drops disabled features, renames
 * dotfiles and the placeholder name, then writes the project. Everything is computed in memory
 * first, so a failure leaves the target untouched.
 */
export async function generateProject(options: NewProjectOptions): Promise<NewProjectResult> {
  const root = resolve(options.targetDir);
  const name = assertValidName(options.name ?? basename(root), 'project');
  if (!options.force && (await isNonEmptyDir(root))) {
    throw new ScaffoldError('TARGET_NOT_EMPTY', `${root} is not empty (use --force to write into it anyway)`);
  }
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  const baseDir = join(templatesDir, BASE_TEMPLATE);
  const manifest = await readTemplateManifest(baseDir);
  const files = await readTree(baseDir, TEMPLATE_MANIFEST);
  const removedDependencies: string[] = [];
  const addedDependencies: Record<string, string> = {};
  const addedDevDependencies: Record<string, string> = {};

  if (options.framework !== BASE_TEMPLATE) {
    const overlayDir = join(templatesDir, options.framework);
    if (!(await exists(overlayDir))) throw new ScaffoldError('TEMPLATE_MISSING', `No template for framework "${options.framework}"`);
    const overlay = await readOverlayManifest(overlayDir);
    for (const path of overlay.remove) files.delete(path);
    // Overlay sources end in .tpl: their relative imports only resolve once laid over the base, so
    // in the repository they must not look like source to tsc or to `strata review`.
    for (const [path, content] of await readTree(overlayDir, OVERLAY_MANIFEST)) files.set(path.replace(/\.tpl$/, ''), content);
    removedDependencies.push(...overlay.removeDependencies);
    Object.assign(addedDependencies, overlay.dependencies);
    Object.assign(addedDevDependencies, overlay.devDependencies);
  }

  const enabled = new Set(FEATURES.filter((feature) => options.features[feature]));
  for (const [feature, spec] of Object.entries(manifest.features)) {
    if (enabled.has(feature as Feature)) continue;
    for (const path of spec.files) files.delete(path);
    removedDependencies.push(...spec.dependencies);
  }

  const output = new Map<string, string>();
  for (const [path, content] of files) {
    const resolved = MARKED_FILE.test(path) ? applyFeatureMarkers(content, enabled) : content;
    output.set(dotfileName(path), resolved.replaceAll(manifest.placeholder, name));
  }

  let pkg = JSON.parse(output.get('package.json') ?? '{}') as PackageJson;
  pkg = editDependencies({ ...pkg, name }, { add: addedDependencies, addDev: addedDevDependencies, remove: removedDependencies });
  if (manifest.allowScripts) pkg = { ...pkg, allowScripts: manifest.allowScripts };
  if (options.database.kind === 'postgres') {
    pkg = useEnvFile(pkg);
    output.set('.env', `# Read by npm start/dev/migrate (node --env-file). Not committed: see .gitignore.\nDATABASE_URL=${options.database.url}\n`);
  }
  output.set('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  // The repository's lockfile, or the one the package carries; absent only if the templates were copied elsewhere.
  const source = await readTemplatesLockfile(templatesDir);
  if (source) output.set('package-lock.json', `${JSON.stringify(cutLockfile(pkg, source.lock, source.workspace), null, 2)}\n`);

  for (const [path, content] of output) await writeFileEnsuringDir(join(root, path), content);
  return { root, name, files: [...output.keys()].sort() };
}

async function readTree(dir: string, manifestName: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  for (const path of await listFiles(dir, IGNORED)) {
    if (path === manifestName) continue;
    tree.set(path, await readFile(join(dir, path), 'utf8'));
  }
  return tree;
}
