import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileAnalysis } from '../project/file-analysis.js';
import type { DependencyGraph, DetectedItem, ProjectContext, ScopeExclusion } from '../types.js';
import { SIGNATURES, type ContextSlot } from './signatures.js';
import { compiledModuleSystem, typescriptStrictness } from './typescript.js';

export interface ContextInput {
  root: string;
  /** package.json files (root first) with their relative paths. */
  manifests: { file: string; manifest: Record<string, unknown> }[];
  allFiles: readonly string[];
  analyses: ReadonlyMap<string, FileAnalysis>;
  /** External packages imported by the source, with how many files import each. */
  importedPackages: ReadonlyMap<string, number>;
  workspaces: number;
  frontends: ScopeExclusion[];
  excluded: ScopeExclusion[];
}

/** How many files import each external package: evidence when package.json is missing or partial. */
export function importedPackageCounts(graph: DependencyGraph): Map<string, number> {
  const counts = new Map<string, number>();
  for (const edge of graph.edges) {
    if (edge.to.startsWith('npm:')) counts.set(edge.to.slice(4), (counts.get(edge.to.slice(4)) ?? 0) + 1);
  }
  return counts;
}

function dependencyNames(manifest: Record<string, unknown>): string[] {
  return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
    Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}),
  );
}

function detectSlot(slot: ContextSlot, input: ContextInput): DetectedItem[] {
  const byName = new Map<string, DetectedItem>();
  for (const [dependency, label] of Object.entries(SIGNATURES[slot])) {
    if (byName.has(label)) continue;
    const manifest = input.manifests.find(({ manifest: m }) => dependencyNames(m).includes(dependency));
    if (manifest) {
      byName.set(label, { name: label, evidence: `${dependency} in ${manifest.file}` });
      continue;
    }
    const importers = input.importedPackages.get(dependency);
    if (importers) byName.set(label, { name: label, evidence: `${dependency} imported by ${importers} file${importers === 1 ? '' : 's'}` });
  }
  return [...byName.values()];
}

const CI_FILES: [RegExp, string][] = [
  [/^\.github\/workflows\/[^/]+\.ya?ml$/, 'GitHub Actions'],
  [/^\.gitlab-ci\.ya?ml$/, 'GitLab CI'],
  [/^\.circleci\/config\.ya?ml$/, 'CircleCI'],
  [/^Jenkinsfile$/, 'Jenkins'],
  [/^azure-pipelines\.ya?ml$/, 'Azure Pipelines'],
  [/^bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
  [/^\.travis\.ya?ml$/, 'Travis CI'],
];

function testRunners(input: ContextInput): DetectedItem[] {
  const detected = detectSlot('testRunners', input);
  const nodeTest = input.manifests.find(({ manifest }) => /node\s+(--[a-z-]+\s+)*--test\b/.test(JSON.stringify(manifest.scripts ?? {})));
  if (nodeTest) detected.push({ name: 'node:test', evidence: `test script in ${nodeTest.file}` });
  return detected;
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
async function fileEvidence(root: string, allFiles: readonly string[]): Promise<{ slot: 'databases' | 'cache' | 'queues'; item: DetectedItem }[]> {
  const found: { slot: 'databases' | 'cache' | 'queues'; item: DetectedItem }[] = [];
  for (const file of allFiles.filter((candidate) => candidate.endsWith('.prisma')).slice(0, 5)) {
    const text = await fs.readFile(path.join(root, file), 'utf8').catch(() => '');
    const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(text)?.[1];
    if (provider && PRISMA_PROVIDERS[provider]) found.push({ slot: 'databases', item: { name: PRISMA_PROVIDERS[provider], evidence: `datasource in ${file}` } });
  }
  for (const file of allFiles.filter((candidate) => /(^|\/)(docker-)?compose(\.[^/]+)?\.ya?ml$/.test(candidate)).slice(0, 5)) {
    const text = await fs.readFile(path.join(root, file), 'utf8').catch(() => '');
    for (const [pattern, slot, name] of COMPOSE_IMAGES) if (pattern.test(text)) found.push({ slot, item: { name, evidence: `image in ${file}` } });
  }
  return found;
}

function withEvidence(items: DetectedItem[], extra: readonly DetectedItem[]): DetectedItem[] {
  const merged = [...items];
  for (const item of extra) if (!merged.some((existing) => existing.name.startsWith(item.name))) merged.push(item);
  return merged;
}

/** What the repository is built with, from manifests, imports and the files it keeps. */
export async function detectContext(input: ContextInput, shape: string): Promise<ProjectContext> {
  let esm = 0;
  let commonjs = 0;
  let routes = 0;
  let entities = 0;
  for (const analysis of input.analyses.values()) {
    if (analysis.facts.moduleSyntax === 'esm') esm++;
    else if (analysis.facts.moduleSyntax === 'commonjs') commonjs++;
    routes += analysis.facts.routes;
    entities += analysis.facts.entities;
  }
  const rootType = input.manifests[0]?.manifest.type;
  // A few require() calls in config files do not make an ESM codebase mixed: count the minority only past 10%.
  const bySyntax = Math.min(esm, commonjs) > 0.1 * (esm + commonjs) ? 'mixed' : commonjs > esm ? 'commonjs' : esm ? 'esm' : rootType === 'module' ? 'esm' : 'commonjs';
  const evidence = await fileEvidence(input.root, input.allFiles);
  const extra = (slot: 'databases' | 'cache' | 'queues'): DetectedItem[] => evidence.filter((entry) => entry.slot === slot).map((entry) => entry.item);
  return {
    frameworks: detectSlot('frameworks', input),
    orms: detectSlot('orms', input),
    databases: withEvidence(detectSlot('databases', input), extra('databases')),
    loggers: detectSlot('loggers', input),
    validation: detectSlot('validation', input),
    auth: detectSlot('auth', input),
    cache: withEvidence(detectSlot('cache', input), extra('cache')),
    queues: withEvidence(detectSlot('queues', input), extra('queues')),
    observability: detectSlot('observability', input),
    featureFlags: detectSlot('featureFlags', input),
    testRunners: testRunners(input),
    infrastructure: {
      dockerfile: input.allFiles.some((file) => /(^|\/)(Dockerfile|[^/]+\.Dockerfile|Containerfile)$/.test(file)),
      compose: input.allFiles.some((file) => /(^|\/)(docker-)?compose(\.[^/]+)?\.ya?ml$/.test(file)),
      ci: [...new Set(CI_FILES.filter(([pattern]) => input.allFiles.some((file) => pattern.test(file))).map(([, name]) => name))],
    },
    typescript: await typescriptStrictness(input.root, input.allFiles),
    // TypeScript's `module` option decides what runs, whatever syntax the sources use.
    moduleSystem: (await compiledModuleSystem(input.root, input.allFiles, rootType === 'module')) ?? bySyntax,
    size: { files: input.allFiles.length, modules: input.analyses.size, routes, entities, workspaces: input.workspaces },
    frontends: input.frontends,
    excluded: input.excluded,
    shape,
  };
}
