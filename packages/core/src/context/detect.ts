import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isTestFile } from '../layers/classify.js';
import type { FileAnalysis } from '../project/file-analysis.js';
import type { RepoFiles } from '../project/repo-files/index.js';
import type { DependencyGraph, DetectedItem, ProjectContext, ScopeExclusion } from '../types.js';
import { bundledModuleSystem } from './bundler-format.js';
import { fastifyLogger, fastifySchemaValidation } from './fastify.js';
import { MENTIONS_REDIS, REDIS_CLIENTS, redisRole } from './redis.js';
import { backendEvidence, detectItems, detectSlot } from './slots.js';
import { namesPackage, sourcesImporting, sourcesMentioning } from './source-text.js';
import { testRunners } from './test-runners.js';
import { compiledModuleSystem, typescriptStrictness } from './typescript.js';

export interface ContextInput {
  root: string;
  /** package.json files (root first) with their relative paths. */
  manifests: { file: string; manifest: Record<string, unknown> }[];
  allFiles: readonly string[];
  /** The operational files' reader: where Dockerfiles, Compose files and CI workflows are found. */
  repo: RepoFiles;
  analyses: ReadonlyMap<string, FileAnalysis>;
  /** External packages imported by the source, with how many files import each. */
  importedPackages: ReadonlyMap<string, number>;
  workspaces: number;
  frontends: ScopeExclusion[];
  excluded: ScopeExclusion[];
}

/**
 * How many files import each external package: evidence when package.json is missing or partial.
 * A type-only import (`import type { Request } from 'express'` in a NestJS controller) uses no
 * library at run time, so it is not evidence of one.
 */
export function importedPackageCounts(graph: DependencyGraph): Map<string, number> {
  const importers = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    if (!edge.to.startsWith('npm:') || edge.kind === 'type-only') continue;
    const name = edge.to.slice(4);
    importers.set(name, (importers.get(name) ?? new Set()).add(edge.from));
  }
  return new Map([...importers].map(([name, files]) => [name, files.size]));
}

const PRISMA_PROVIDERS: Record<string, string> = { postgresql: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite', mongodb: 'MongoDB', sqlserver: 'SQL Server', cockroachdb: 'CockroachDB' };
const COMPOSE_IMAGES: [RegExp, 'databases' | 'cache' | 'queues', string][] = [
  [/image:\s*['"]?(postgres|postgis\/postgis|bitnami\/postgresql)/, 'databases', 'PostgreSQL'],
  [/image:\s*['"]?(mysql|bitnami\/mysql)/, 'databases', 'MySQL'],
  [/image:\s*['"]?mariadb/, 'databases', 'MariaDB'],
  [/image:\s*['"]?mongo/, 'databases', 'MongoDB'],
  [/image:\s*['"]?(redis|valkey)/, 'cache', 'Redis'],
  [/image:\s*['"]?rabbitmq/, 'queues', 'RabbitMQ'],
];

/**
 * Evidence that lives outside package.json: the datasource of a Prisma schema and the images of a
 * Compose file say which database and cache a service really talks to.
 */
async function fileEvidence(root: string, allFiles: readonly string[], repo: RepoFiles): Promise<{ slot: 'databases' | 'cache' | 'queues'; item: DetectedItem }[]> {
  const found: { slot: 'databases' | 'cache' | 'queues'; item: DetectedItem }[] = [];
  for (const file of allFiles.filter((candidate) => candidate.endsWith('.prisma')).slice(0, 5)) {
    const text = await fs.readFile(path.join(root, file), 'utf8').catch(() => '');
    const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(text)?.[1];
    if (provider && PRISMA_PROVIDERS[provider]) found.push({ slot: 'databases', item: { name: PRISMA_PROVIDERS[provider], evidence: `datasource in ${file}` } });
  }
  const backend = new Set(allFiles);
  for (const file of repo.composePaths.filter((candidate) => backend.has(candidate)).slice(0, 5)) {
    const text = repo.text(file) ?? '';
    for (const [pattern, slot, name] of COMPOSE_IMAGES) if (pattern.test(text)) found.push({ slot, item: { name, evidence: `image in ${file}` } });
  }
  return found;
}

function withEvidence(items: DetectedItem[], extra: readonly DetectedItem[]): DetectedItem[] {
  const merged = [...items];
  for (const item of extra) if (!merged.some((existing) => existing.name.startsWith(item.name))) merged.push(item);
  return merged;
}

function present(...items: (DetectedItem | null | undefined)[]): DetectedItem[] {
  return items.filter((item): item is DetectedItem => Boolean(item));
}

/**
 * Size counts of the service itself: routes and entities registered by tests (a Fastify instance
 * built in a spec, a model defined for a fixture) are not part of what ships.
 */
function sourceCounts(analyses: ReadonlyMap<string, FileAnalysis>): { esm: number; commonjs: number; routes: number; entities: number; routeSchemas: number } {
  const counts = { esm: 0, commonjs: 0, routes: 0, entities: 0, routeSchemas: 0 };
  for (const [file, { facts }] of analyses) {
    if (facts.moduleSyntax === 'esm') counts.esm++;
    else if (facts.moduleSyntax === 'commonjs') counts.commonjs++;
    if (isTestFile(file)) continue;
    counts.routes += facts.routes;
    counts.entities += facts.entities;
    counts.routeSchemas += facts.routeSchemas ?? 0;
  }
  return counts;
}

/** Local modules that by their name wrap Redis or a cache (`./infrastructure/redis.js`, `../cache`): read first. */
const REDIS_WRAPPER = /^\.{1,2}\/(.*\/)?[^/]*(redis|cache)[^/]*$/i;

/** Source files (tests left out) in the order to read them for Redis usage: users of the client or of a wrapper first. */
function redisReadingOrder(analyses: ReadonlyMap<string, FileAnalysis>): string[] {
  const clients = Object.keys(REDIS_CLIENTS);
  const direct = (analysis: FileAnalysis): boolean => analysis.imports.some((entry) => namesPackage(entry.specifier, clients) || REDIS_WRAPPER.test(entry.specifier));
  const first: string[] = [];
  const rest: string[] = [];
  for (const [file, analysis] of analyses) if (!isTestFile(file)) (direct(analysis) ? first : rest).push(file);
  return [...first, ...rest];
}

/**
 * NestJS ships a logger of its own (`Logger` from @nestjs/common): plain text, not structured, but
 * a logger; counted where the source imports it.
 */
function nestLogger(analyses: ReadonlyMap<string, FileAnalysis>): DetectedItem | null {
  const importers = [...analyses].filter(
    ([file, analysis]) => !isTestFile(file) && analysis.imports.some((entry) => entry.specifier === '@nestjs/common' && entry.names?.includes('Logger')),
  ).length;
  return importers ? { name: 'Nest Logger (built-in)', evidence: `Logger from @nestjs/common imported by ${importers} file${importers === 1 ? '' : 's'}` } : null;
}

/** What the repository is built with, from manifests, imports and the files it keeps. */
export async function detectContext(input: ContextInput, shape: string): Promise<ProjectContext> {
  const { esm, commonjs, routes, entities, routeSchemas } = sourceCounts(input.analyses);
  const rootType = input.manifests[0]?.manifest.type;
  // A few require() calls in config files do not make an ESM codebase mixed: count the minority only past 10%.
  const bySyntax = Math.min(esm, commonjs) > 0.1 * (esm + commonjs) ? 'mixed' : commonjs > esm ? 'commonjs' : esm ? 'esm' : rootType === 'module' ? 'esm' : 'commonjs';
  const frontendFolders = input.frontends.map((frontend) => frontend.folder);
  const backend = backendEvidence(input, frontendFolders);
  const outsideFrontends = (file: string): boolean => !frontendFolders.some((folder) => folder !== '.' && file.startsWith(`${folder}/`));
  // A front-end's tsconfig, Compose file or bundler config says nothing of how the backend is built.
  const backendFiles = input.allFiles.filter(outsideFrontends);
  const fileFacts = await fileEvidence(input.root, backendFiles, input.repo);
  const extra = (slot: 'databases' | 'cache' | 'queues'): DetectedItem[] => fileFacts.filter((entry) => entry.slot === slot).map((entry) => entry.item);
  const sources = (packages: readonly string[]) => sourcesImporting(input.root, input.analyses, (specifier) => namesPackage(specifier, packages), (file) => !isTestFile(file));

  const frameworks = detectSlot('frameworks', backend);
  const fastify = frameworks.find((item) => item.name === 'Fastify');
  const loggers = detectSlot('loggers', backend);
  if (fastify && !loggers.some((item) => item.name === 'Pino')) loggers.push(...present(fastifyLogger(fastify.evidence, await sources(['fastify']))));
  if (loggers.length === 0 && frameworks.some((item) => item.name === 'NestJS')) loggers.push(...present(nestLogger(input.analyses)));

  const orms = detectSlot('orms', backend);
  const databases = withEvidence(detectSlot('databases', backend), extra('databases'));
  const redisUsage = detectItems(REDIS_CLIENTS, backend).length ? await sourcesMentioning(input.root, redisReadingOrder(input.analyses), MENTIONS_REDIS) : [];
  const redis = redisRole(backend, redisUsage, databases.length ? databases.map((item) => item.name).join(' and ') : null);
  if (redis?.slot === 'databases') databases.push(redis.item);
  const cache = [...present(redis?.slot === 'cache' ? redis.item : null), ...detectSlot('cache', backend)];

  return {
    frameworks,
    apiStyles: detectSlot('apiStyles', backend),
    realtime: detectSlot('realtime', backend),
    orms,
    databases,
    loggers,
    validation: [...detectSlot('validation', backend), ...present(fastifySchemaValidation(routeSchemas))],
    auth: detectSlot('auth', backend),
    // A Redis image in Compose is Redis whatever its role; it is added only when no client placed it.
    cache: redis?.slot === 'databases' ? cache : withEvidence(cache, extra('cache')),
    queues: withEvidence(detectSlot('queues', backend), extra('queues')),
    observability: detectSlot('observability', backend),
    featureFlags: detectSlot('featureFlags', backend),
    testRunners: testRunners(backend, (builtin) => [...input.analyses.values()].filter((analysis) => analysis.imports.some((entry) => entry.specifier === builtin)).length),
    infrastructure: {
      dockerfile: input.repo.dockerfilePaths.length > 0,
      compose: input.repo.composePaths.length > 0,
      ci: input.repo.ciProviders,
    },
    typescript: await typescriptStrictness(input.root, backendFiles),
    // What runs decides: a bundle's format, else TypeScript's `module` option, else the sources' syntax.
    moduleSystem:
      (await bundledModuleSystem(input.root, backendFiles, backend.manifests))?.system ??
      (await compiledModuleSystem(input.root, backendFiles, backend.manifests)) ??
      bySyntax,
    size: { files: input.allFiles.length, modules: input.analyses.size, routes, entities, workspaces: input.workspaces },
    frontends: input.frontends,
    excluded: input.excluded,
    shape,
  };
}
