/** The public data model of an analysis. Reporters read only these types. */

export type Severity = 'error' | 'warn' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warn', 'info'];
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warn: 2, info: 1 };

export type Category =
  | 'architecture'
  | 'api'
  | 'validation-errors'
  | 'security'
  | 'persistence'
  | 'performance'
  | 'production'
  | 'testing'
  | 'project';

export const CATEGORIES: readonly Category[] = [
  'architecture',
  'api',
  'validation-errors',
  'security',
  'persistence',
  'performance',
  'production',
  'testing',
  'project',
];

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Path relative to the analysed root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** What is wrong, specific to this occurrence. */
  message: string;
  /** Why it matters. */
  why: string;
  /** How to fix it. */
  fix: string;
  /** Stable across line shifts; the key of baselines. */
  fingerprint: string;
  /** Extra structured facts, e.g. the cycle path or the offending import. */
  data?: Record<string, unknown>;
  /** The route whose handler leads to this finding, e.g. `POST /orders`. */
  route?: string;
  /** The steps from the handler (or other entry point) to the offending line, first step first. */
  trace?: TraceStep[];
}

export interface TraceStep {
  file: string;
  line: number;
  column: number;
  /** What happens at this step, e.g. `calls OrderService.create`. */
  message: string;
}

/** One HTTP route as the HTTP model sees it in source. */
export interface RouteInfo {
  method: string;
  /** The full path, with every mount prefix applied. */
  path: string;
  /** The handler's name (`OrdersController.create`) or `<anonymous>`. */
  handler: string;
  file: string;
  line: number;
  middleware: string[];
  /** How the input is validated (`zod`, `fastify schema`, `ValidationPipe`…), or null when nothing is seen. */
  validation: string | null;
  /** The authentication or authorisation seen on the route, or null. */
  auth: string | null;
}

export type EdgeKind = 'import' | 're-export' | 'dynamic-import' | 'require' | 'type-only';

export interface ModuleNode {
  /** Relative path of a source file, or `npm:<package>` / `node:<builtin>`. */
  id: string;
  kind: 'source' | 'package' | 'builtin';
  layer?: string;
  /** Feature module (e.g. `users` for `src/modules/users/...`). */
  feature?: string;
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  specifier: string;
  line: number;
  column: number;
  /**
   * When `to` is a barrel (a file of re-exports), the files that define the names imported through
   * it: what the import really depends on. Absent when the whole module is taken.
   */
  reaches?: string[];
}

export interface UnresolvedImport {
  from: string;
  specifier: string;
  line: number;
  column: number;
  reason: string;
}

/** Something about the graph as a whole that a user should know: said once, not per import. */
export interface GraphNotice {
  kind: 'tsconfig-unloadable' | 'generated-absent';
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface DependencyGraph {
  modules: ModuleNode[];
  edges: Edge[];
  unresolved: UnresolvedImport[];
  notices: GraphNotice[];
  /** Each cycle once, as a path of module ids that returns to its first element. */
  cycles: string[][];
}

export interface LayerSummary {
  preset: string;
  /** Outer to inner (bootstrap, config, interfaces, infrastructure, application, domain, shared), then custom layers. */
  layers: { name: string; description: string; files: number }[];
  /** Aggregated layer-to-layer dependencies between source files. */
  flows: { from: string; to: string; count: number; allowed: boolean }[];
  unclassified: number;
  /** The folders the unclassified files sit in, most files first. */
  unclassifiedFolders: { folder: string; files: number }[];
}

export interface DetectedItem {
  name: string;
  /** Where the evidence came from, e.g. `package.json dependency` or a file. */
  evidence: string;
}

/** A group of files left out of the review, and why. */
export interface ScopeExclusion {
  /** The folder holding them, relative to the root (`.` for the root). */
  folder: string;
  reason: string;
  files: number;
}

export interface ProjectContext {
  frameworks: DetectedItem[];
  /** API styles beside plain HTTP routes: GraphQL (Apollo Server, Mercurius, NestJS, Yoga), tRPC, gRPC. */
  apiStyles: DetectedItem[];
  /** Realtime interfaces: Socket.IO, WebSocket servers. */
  realtime: DetectedItem[];
  orms: DetectedItem[];
  databases: DetectedItem[];
  loggers: DetectedItem[];
  validation: DetectedItem[];
  auth: DetectedItem[];
  cache: DetectedItem[];
  queues: DetectedItem[];
  observability: DetectedItem[];
  featureFlags: DetectedItem[];
  testRunners: DetectedItem[];
  infrastructure: { dockerfile: boolean; compose: boolean; ci: string[] };
  typescript: { used: boolean; strict: boolean | null };
  moduleSystem: 'esm' | 'commonjs' | 'mixed';
  size: { files: number; modules: number; routes: number; entities: number; workspaces: number };
  /** Front-end apps and UI libraries found in the repository: not parsed, placed or judged. */
  frontends: ScopeExclusion[];
  /** Other files left out of the review, e.g. what the owning tsconfig excludes from its program. */
  excluded: ScopeExclusion[];
  shape: string;
}

export interface AnalysisStats {
  files: number;
  parsed: number;
  cached: number;
  workers: number;
  durationMs: number;
  /** The whole result came from the cache: no input changed since the run that made it. */
  reused?: true;
}

export interface AnalysisResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  tool: { name: 'strata'; version: string };
  root: string;
  context: ProjectContext;
  layers: LayerSummary;
  graph: DependencyGraph;
  findings: Finding[];
  /** The service's routes, when the HTTP model ran (a rule that needs it is enabled). */
  routes?: RouteInfo[];
  /** Findings matched by the baseline: known, not failing the gate. */
  baselined: number;
  stats: AnalysisStats;
}

export type GraphLevel = 'layer' | 'module' | 'file';

/** The dependency graph collapsed to one level, as `strata graph` draws it. */
export interface GraphView {
  level: GraphLevel;
  nodes: { id: string; layer?: string; files: number }[];
  edges: { from: string; to: string; count: number; allowed: boolean }[];
}

export const RESULT_SCHEMA_VERSION = '1.0' as const;
