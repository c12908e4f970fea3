import type { ProjectModel } from '../../project/model.js';
import type { ResolvedCall } from '../call-graph.js';
import type { Resolved } from '../link.js';
import { expressObject } from '../http/express.js';
import type { ProgramModels } from '../models.js';
import { compareText } from '../../compare-text.js';

/** The call that makes a process a service: it starts listening for requests. */
export interface ServiceEntry {
  /** What listens: `express`, `fastify`, `nestjs`, `koa`, `hapi`, `node:http`. */
  server: string;
  file: string;
  line: number;
  column: number;
  /** The folder of the package.json the entry belongs to (`''` for the repository root). */
  packageDir: string;
  call: ResolvedCall;
}

const SERVER_NAMES: Record<string, string> = { express: 'Express', fastify: 'Fastify', nestjs: 'NestJS', koa: 'Koa', hapi: 'Hapi', 'node:http': 'Node `http`', 'node:https': 'Node `https`', 'node:http2': 'Node `http2`' };

/** The server's name as a reader knows it (`NestJS`, `Node \`http\``). */
export const serverLabel = (entry: Pick<ServiceEntry, 'server'>): string => SERVER_NAMES[entry.server] ?? entry.server;

/** Folders of one-off tools: a server they start (a dev proxy, a mock) is not the deployed service. */
const TOOL_FOLDER = /(^|\/)(scripts?|bin|tools|cli|commands?|dev-server)\//;

/** A file of a one-off tool (a script, a CLI command), whatever package it is in. */
export const isToolFile = (file: string): boolean => TOOL_FOLDER.test(file);

/**
 * What the receiver of `listen(…)` (or Hapi's `start()`) is, when it is a server of a known framework:
 * `app.listen(…)` on a variable, or `express().listen(…)` chained on the call that makes it.
 */
function serverOf(call: ResolvedCall, models: ProgramModels): string | null {
  const callee = call.site.callee;
  const method = callee?.path.at(-1);
  if (callee && (method === 'listen' || method === 'start')) {
    return serverKind(models.linker.resolveRef(call.file, { root: callee.root, path: callee.path.slice(0, -1) }), method);
  }
  const chained = call.site.chain?.[0]?.name;
  if (chained === 'listen' || chained === 'start') return serverKind(models.linker.resolveValue(call.file, { kind: call.site.construct ? 'new' : 'call', call: call.index }), chained);
  return null;
}

function serverKind(receiver: Resolved | null, method: 'listen' | 'start'): string | null {
  const entity = receiver?.entity;
  if (entity?.kind !== 'external' || receiver!.rest.length) return null;
  const path = entity.path.join('.');
  if (method === 'start') return (entity.module === '@hapi/hapi' || entity.module === 'hapi') && /^(server\.\(\)|Server\.new)$/.test(path) ? 'hapi' : null;
  if (expressObject(receiver) === 'app' || (entity.module === 'express' && path === 'Application.new')) return 'express';
  if (entity.module === 'fastify') return 'fastify';
  if (entity.module === '@nestjs/core' && path.startsWith('NestFactory.create.')) return 'nestjs';
  if (entity.module === 'koa') return 'koa';
  if (/^(http|https|http2)$/.test(entity.module) && /^(createServer|createSecureServer|Server)\./.test(path)) return `node:${entity.module}`;
  return null;
}

/** Answers of `packageDirOf` by folder, per manifest list: asked for every file of every service of a monorepo. */
const packageDirByFolder = new WeakMap<ProjectModel['manifests'], Map<string, string>>();

/** The folder of the package.json nearest to `file`, among the manifests in scope. */
export function packageDirOf(project: ProjectModel, file: string): string {
  let byFolder = packageDirByFolder.get(project.manifests);
  if (!byFolder) packageDirByFolder.set(project.manifests, (byFolder = new Map()));
  // The answer depends on the file's folder only: a manifest's folder is never the file itself.
  const folder = file.slice(0, Math.max(0, file.lastIndexOf('/')));
  let best = byFolder.get(folder);
  if (best !== undefined) return best;
  best = '';
  for (const { file: manifest } of project.manifests) {
    const dir = manifest.includes('/') ? manifest.slice(0, manifest.lastIndexOf('/')) : '';
    if (dir.length > best.length && file.startsWith(`${dir}/`)) best = dir;
  }
  byFolder.set(folder, best);
  return best;
}

/**
 * A package under a manifest that declares `bin` is a command-line tool or a generator: a server it
 * starts serves its user's terminal (a dev preview, a template it writes), not traffic.
 */
export function isCommandLinePackage(project: ProjectModel, dir: string): boolean {
  return project.manifests.some(({ file, manifest }) => {
    const owner = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    return Boolean(manifest.bin) && (owner === '' || dir === owner || dir.startsWith(`${owner}/`));
  });
}

/**
 * The service entries of the program: where an HTTP server of Express, Fastify, NestJS, Koa, Hapi or
 * Node's `http` starts listening, outside tools, command-line packages and development-only branches.
 * A project with none (a library, a CLI, an app started by `fastify start`) is not judged as a service.
 */
export function serviceEntries(models: ProgramModels, project: ProjectModel): ServiceEntry[] {
  const known = entriesMemo.get(models);
  if (known) return known;
  const entries: ServiceEntry[] = [];
  for (const call of models.everyCall) {
    if (call.site.devOnly || TOOL_FOLDER.test(call.file)) continue;
    const server = serverOf(call, models);
    if (!server) continue;
    const packageDir = packageDirOf(project, call.file);
    if (isCommandLinePackage(project, packageDir)) continue;
    entries.push({ server, file: call.file, line: call.site.line, column: call.site.column, packageDir, call });
  }
  entriesMemo.set(models, entries);
  return entries;
}

/** Several rules ask for the entries and the files of each service in one run: computed once per run. */
const entriesMemo = new WeakMap<ProgramModels, ServiceEntry[]>();
const filesMemo = new WeakMap<ProgramModels, Map<string, Set<string>>>();

/** One entry per service package: the first place (by file, then line) it starts listening. */
export function firstEntryPerPackage(entries: readonly ServiceEntry[]): ServiceEntry[] {
  const byPackage = new Map<string, ServiceEntry>();
  for (const entry of [...entries].sort((a, b) => compareText(a.file, b.file) || a.line - b.line)) if (!byPackage.has(entry.packageDir)) byPackage.set(entry.packageDir, entry);
  return [...byPackage.values()];
}

/**
 * The program files a service's process loads: every file of its package and what they import,
 * transitively, workspace packages included even when the import resolves to the package's name
 * (a nested workspace the resolver does not know): a shared library that installs the process
 * handlers counts. Type-only imports load nothing.
 */
export function filesOfService(models: ProgramModels, project: ProjectModel, packageDir: string): Set<string> {
  let byPackage = filesMemo.get(models);
  if (!byPackage) filesMemo.set(models, (byPackage = new Map()));
  const known = byPackage.get(packageDir);
  if (known) return known;
  const found = collectServiceFiles(models, project, packageDir);
  byPackage.set(packageDir, found);
  return found;
}

/** What every service's file set is built from: the files of each package, and what each file loads. */
interface LoadGraph {
  filesByDir: Map<string, string[]>;
  imports: Map<string, string[]>;
}
const loadGraphMemo = new WeakMap<ProgramModels, LoadGraph>();

function loadGraph(models: ProgramModels, project: ProjectModel): LoadGraph {
  const known = loadGraphMemo.get(models);
  if (known) return known;
  const dirByName = new Map<string, string>();
  for (const { file, manifest } of project.manifests) if (typeof manifest.name === 'string') dirByName.set(manifest.name, file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
  const filesByDir = new Map<string, string[]>();
  for (const file of models.programFiles) {
    const dir = packageDirOf(project, file);
    const list = filesByDir.get(dir);
    if (list) list.push(file);
    else filesByDir.set(dir, [file]);
  }
  const imports = new Map<string, string[]>();
  for (const edge of project.graph.edges) {
    if (edge.kind === 'type-only' || edge.to.startsWith('node:')) continue;
    const workspace = edge.to.startsWith('npm:') ? dirByName.get(edge.to.slice(4)) : undefined;
    const targets = edge.to.startsWith('npm:') ? (workspace !== undefined ? (filesByDir.get(workspace) ?? []) : []) : [edge.to];
    const list = imports.get(edge.from);
    if (list) list.push(...targets);
    else imports.set(edge.from, [...targets]);
  }
  const graph = { filesByDir, imports };
  loadGraphMemo.set(models, graph);
  return graph;
}

function collectServiceFiles(models: ProgramModels, project: ProjectModel, packageDir: string): Set<string> {
  const { filesByDir, imports } = loadGraph(models, project);
  const found = new Set<string>();
  const queue = [...(filesByDir.get(packageDir) ?? [])];
  while (queue.length) {
    const file = queue.pop()!;
    if (found.has(file)) continue;
    found.add(file);
    queue.push(...(imports.get(file) ?? []));
  }
  return found;
}
