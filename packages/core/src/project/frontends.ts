import path from 'node:path';
import { readJsonFile } from './json.js';
import type { ManifestFile } from './manifests.js';
import { nearestFolder } from './paths.js';
import { compareText } from '../compare-text.js';

const UI_FRAMEWORKS = ['react', 'react-dom', 'vue', '@angular/core', 'svelte', 'solid-js', 'preact', 'next', 'nuxt', '@remix-run/react', 'react-native', 'expo', 'lit', '@builder.io/qwik'];
const SERVER_FRAMEWORKS = ['express', 'fastify', '@nestjs/core', 'koa', '@hapi/hapi', 'hono', 'restify', '@trpc/server', 'apollo-server', '@apollo/server'];

const TERMINAL_UI = ['ink', 'react-blessed', 'react-curse'];

/** Build tools that only front-ends are configured with; a backend never has one at its package root. */
const FRONTEND_CONFIG = /^(vite|next|nuxt|svelte|astro|remix|vue|quasar|gatsby)\.config\.[cm]?[jt]s$|^angular\.json$|^\.storybook$/;
/** Nx executors that build or serve browser code. */
const FRONTEND_EXECUTOR = /angular|react|next|vite|storybook|expo|remix|vue|svelte|webpack-browser|web:file-server/;
const SERVER_EXECUTOR = /@nx\/(js:node|node)|nest|esbuild:esbuild/;
const COMPONENT_FILE = /\.(tsx|jsx|vue|svelte)$/;

export interface FrontendDetection {
  frontends: FrontendPackage[];
  /** Every package folder (package.json or Nx project.json), relative: a file belongs to the nearest. */
  packageFolders: string[];
}

export interface FrontendPackage {
  /** The package folder, relative to the root ('' for the root itself). */
  folder: string;
  reason: string;
}

type Dependencies = Record<string, string>;

function dependencyField(manifest: Record<string, unknown>, field: string): Dependencies {
  return (manifest[field] as Dependencies | undefined) ?? {};
}

/**
 * Why a package is a front-end app or UI library, or null when it is not (or may be a server).
 * A server framework among its runtime dependencies makes a package a backend whatever else it
 * holds (an SSR server); one among devDependencies does not (a UI library testing against a mock API).
 */
function frontendReason(manifest: Record<string, unknown> | null, childNames: readonly string[], files: readonly string[]): string | null {
  if (manifest) {
    const runtime = { ...dependencyField(manifest, 'dependencies'), ...dependencyField(manifest, 'peerDependencies') };
    if (SERVER_FRAMEWORKS.some((name) => name in runtime)) return null;
    // React rendering to a terminal (Ink) is a command-line tool, not a browser front-end.
    if (TERMINAL_UI.some((name) => name in runtime)) return null;
    const ui = UI_FRAMEWORKS.find((name) => name in runtime);
    if (ui) return `depends on ${ui}`;
  }
  const config = childNames.find((name) => FRONTEND_CONFIG.test(name));
  if (config) return `has ${config}`;
  const sources = files.filter((file) => /\.(m?[jt]sx?|vue|svelte)$/.test(file));
  const components = sources.filter((file) => COMPONENT_FILE.test(file)).length;
  if (sources.length >= 5 && components / sources.length >= 0.5) {
    return `${Math.round((100 * components) / sources.length)}% of its source files are .tsx/.jsx/.vue/.svelte`;
  }
  return null;
}

async function nxFrontendReason(root: string, projectFile: string): Promise<string | null> {
  const project = await readJsonFile(path.join(root, projectFile));
  if (!project) return null;
  const executors = Object.values((project.targets as Record<string, { executor?: string }> | undefined) ?? {})
    .map((target) => target.executor ?? '')
    .filter(Boolean);
  if (executors.some((executor) => SERVER_EXECUTOR.test(executor))) return null;
  const browser = executors.find((executor) => FRONTEND_EXECUTOR.test(executor));
  return browser ? `Nx project built with ${browser}` : null;
}

/**
 * Front-end applications and UI libraries inside the repository, by evidence: a package (its own
 * package.json, or an Nx project.json) whose runtime dependencies name a UI framework and no server
 * framework, that has a front-end build config at its root, or whose sources are mostly components.
 * A repository root that declares workspaces is a container and is never a front-end itself.
 */
export async function detectFrontends(root: string, allFiles: readonly string[], manifests: readonly ManifestFile[]): Promise<FrontendDetection> {
  const manifestOf = new Map(manifests.map(({ file, manifest }) => [path.posix.dirname(file), manifest]));
  const packageFolders = new Set<string>(manifestOf.keys());
  const nxProjects = allFiles.filter((file) => file === 'project.json' || file.endsWith('/project.json'));
  for (const file of nxProjects) packageFolders.add(path.posix.dirname(file));

  const childrenOf = new Map<string, Set<string>>();
  const filesOf = new Map<string, string[]>();
  const sortedFolders = [...packageFolders].map((folder) => (folder === '.' ? '' : folder)).sort((a, b) => b.length - a.length);
  for (const file of allFiles) {
    // The nearest package owns a file: nested packages are judged on their own files only.
    const owner = nearestFolder(sortedFolders, file);
    if (owner === undefined) continue;
    const inside = owner ? file.slice(owner.length + 1) : file;
    const children = childrenOf.get(owner) ?? new Set<string>();
    children.add(inside.split('/')[0]!);
    childrenOf.set(owner, children);
    const list = filesOf.get(owner) ?? [];
    list.push(inside);
    filesOf.set(owner, list);
  }

  const found: FrontendPackage[] = [];
  const undecided: string[] = [];
  for (const folder of sortedFolders) {
    const manifest = manifestOf.get(folder === '' ? '.' : folder) ?? null;
    if (folder === '' && manifest && 'workspaces' in manifest) continue;
    const nxFile = nxProjects.find((file) => path.posix.dirname(file) === (folder || '.'));
    const reason =
      frontendReason(manifest, [...(childrenOf.get(folder) ?? [])], filesOf.get(folder) ?? []) ??
      (nxFile ? await nxFrontendReason(root, nxFile) : null);
    if (reason) found.push({ folder, reason });
    else undecided.push(folder);
  }
  found.push(...dependentsOfFrontends(found, undecided, manifestOf));
  found.push(...staticAssetFolders(filesOf, new Set(found.map(({ folder }) => folder))));
  return { frontends: found.sort((a, b) => compareText(a.folder, b.folder)), packageFolders: sortedFolders };
}

/** A package built on a front-end package of the same repository (an embed script on the widget) is front-end too. */
function dependentsOfFrontends(found: readonly FrontendPackage[], undecided: readonly string[], manifestOf: ReadonlyMap<string, Record<string, unknown>>): FrontendPackage[] {
  const frontendNames = new Set(found.map(({ folder }) => manifestOf.get(folder || '.')?.name).filter((name): name is string => typeof name === 'string'));
  const dependents: FrontendPackage[] = [];
  for (const folder of undecided) {
    const manifest = manifestOf.get(folder || '.');
    if (!manifest || (folder === '' && 'workspaces' in manifest)) continue;
    const runtime = dependencyField(manifest, 'dependencies');
    if (SERVER_FRAMEWORKS.some((name) => name in runtime)) continue;
    const uiPackage = Object.keys(runtime).find((name) => frontendNames.has(name));
    if (uiPackage) dependents.push({ folder, reason: `depends on ${uiPackage}, a front-end package of this repository` });
  }
  return dependents;
}

/** `public/` and `static/` at a package's root hold what the server sends to browsers: their scripts run there. */
const STATIC_FOLDER = /^(public|static)$/;

function staticAssetFolders(filesOf: ReadonlyMap<string, readonly string[]>, frontends: ReadonlySet<string>): FrontendPackage[] {
  const folders: FrontendPackage[] = [];
  for (const [owner, files] of filesOf) {
    if (frontends.has(owner)) continue;
    const served = new Set(files.filter((file) => /\.[cm]?jsx?$/.test(file)).map((file) => file.split('/')[0]!).filter((top) => STATIC_FOLDER.test(top)));
    for (const top of served) folders.push({ folder: owner ? `${owner}/${top}` : top, reason: `static assets served to browsers (${top}/)` });
  }
  return folders;
}
