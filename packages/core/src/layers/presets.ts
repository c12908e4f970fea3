/**
 * The layer vocabularies Strata recognises without configuration. Every preset maps onto the same
 * canonical layers, so rules and diagrams speak one language; what differs is which folders and
 * file names land where, and which dependency directions the architecture allows.
 */
export const CANONICAL_LAYERS = ['interfaces', 'application', 'domain', 'infrastructure', 'config', 'bootstrap', 'shared'] as const;
export type CanonicalLayer = (typeof CANONICAL_LAYERS)[number];

/** Outer to inner: the order diagrams list layers in. */
export const LAYER_DRAW_ORDER: readonly string[] = ['bootstrap', 'config', 'interfaces', 'infrastructure', 'application', 'domain', 'shared'];

export function layerRank(name: string): number {
  const rank = LAYER_DRAW_ORDER.indexOf(name);
  return rank === -1 ? LAYER_DRAW_ORDER.length : rank;
}

export const LAYER_DESCRIPTIONS: Record<string, string> = {
  interfaces: 'HTTP controllers, routes, middlewares, DTO validation',
  application: 'use cases, ports, application services',
  domain: 'entities, value objects, domain services and events',
  infrastructure: 'repositories, ORM models, clients, adapters',
  config: 'configuration and environment schema',
  bootstrap: 'composition root and process start-up',
  shared: 'framework-free helpers used by every layer',
};

export interface LayerPattern {
  layer: string;
  /** Matched against the relative path. */
  pattern: RegExp;
}

/**
 * Patterns in tiers of evidence. The first tier with a match decides; within a tier the match
 * nearest the file wins (`apps/api/src/shared/x.ts` is shared, not api), so nested conventions
 * inside a monorepo are read at the level they apply.
 */
export type PatternTiers = readonly (readonly LayerPattern[])[];

export interface Preset {
  name: 'clean' | 'nestjs' | 'mvc';
  title: string;
  tiers: PatternTiers;
  /** For each layer, the layers it may import (itself included). */
  allowed: Record<string, readonly string[]>;
}

export const folder = (names: string): RegExp => new RegExp(`(^|/)(${names})/`);
const file = (suffixes: string): RegExp => new RegExp(`[.-](${suffixes})\\.[cm]?[jt]sx?$`);
/** Entry files that start a process: `main.ts`, `server.ts`, and the `app.ts` that composes an app. */
const ENTRY_FILE = /(^|\/)(main|server|app)\.[cm]?[jt]sx?$/;

const EVERYTHING = CANONICAL_LAYERS;

/** Clean Architecture: dependencies point inward; only the composition root and config see everything. */
const CLEAN_ALLOWED: Record<string, readonly string[]> = {
  domain: ['domain', 'shared'],
  application: ['application', 'domain', 'shared'],
  interfaces: ['interfaces', 'application', 'domain', 'shared', 'config'],
  infrastructure: ['infrastructure', 'application', 'domain', 'shared', 'config'],
  config: EVERYTHING,
  bootstrap: EVERYTHING,
  // A shared kernel may name domain types and read config; it must not reach delivery or storage.
  shared: ['shared', 'domain', 'config'],
};

/** Folders named after a layer: the team's explicit statement, the strongest evidence. */
export const LAYER_FOLDERS: LayerPattern[] = [
  { layer: 'bootstrap', pattern: folder('bootstrap|composition-root') },
  { layer: 'config', pattern: folder('config|configs|configuration') },
  { layer: 'domain', pattern: folder('domain') },
  { layer: 'application', pattern: folder('application') },
  { layer: 'infrastructure', pattern: folder('infrastructure|infra') },
  { layer: 'interfaces', pattern: folder('interfaces|presentation') },
];

/** A file named for its role (`user.repository.port.ts`) says more than a conventional folder. */
const CLEAN_ROLES: LayerPattern[] = [
  { layer: 'application', pattern: file('port|ports|use-case|usecase|command-handler|query-handler') },
  { layer: 'domain', pattern: file('value-object|aggregate|domain-event|domain-service') },
  { layer: 'interfaces', pattern: file('controller|resolver|route|routes|middleware') },
  { layer: 'infrastructure', pattern: file('adapter|orm-entity') },
];

const CONVENTIONAL_FOLDERS: LayerPattern[] = [
  { layer: 'bootstrap', pattern: folder('composition|di|ioc|container') },
  { layer: 'domain', pattern: folder('entities|value-objects') },
  { layer: 'application', pattern: folder('use-cases|usecases|use_cases|app-services|ports|commands|queries') },
  { layer: 'infrastructure', pattern: folder('adapters|persistence|repositories|database|db') },
  // `api/` names the HTTP layer inside a service (src/api), but a whole app in a monorepo (apps/api).
  // `dto/` folders are ambiguous: request/response contracts (interfaces) or use-case inputs (application).
  { layer: 'interfaces', pattern: folder('interface|http|delivery|controllers|routes|middlewares|middleware') },
  { layer: 'interfaces', pattern: /(^|\/)src\/(api|web)\// },
  { layer: 'shared', pattern: folder('shared|common|utils') },
];

export const CLEAN_PRESET: Preset = {
  name: 'clean',
  title: 'Clean Architecture',
  tiers: [LAYER_FOLDERS, CLEAN_ROLES, CONVENTIONAL_FOLDERS, [{ layer: 'bootstrap', pattern: ENTRY_FILE }]],
  allowed: CLEAN_ALLOWED,
};

/**
 * NestJS by file role. A Nest service injecting a TypeORM repository is the framework's idiom, so
 * application -> infrastructure is allowed here; the strict-clean profile takes that back.
 */
export const NEST_PRESET: Preset = {
  name: 'nestjs',
  title: 'NestJS modules',
  tiers: [
    LAYER_FOLDERS,
    [
      { layer: 'bootstrap', pattern: /(\.module\.[cm]?[jt]s|(^|\/)main\.[cm]?[jt]s)$/ },
      { layer: 'config', pattern: /\.config\.[cm]?[jt]s$/ },
      { layer: 'interfaces', pattern: /\.(controller|resolver|gateway|guard|interceptor|middleware|pipe|filter|decorator)\.[cm]?[jt]s$/ },
      // DTOs are the contract between controller and service: the application's input and output shapes.
      { layer: 'application', pattern: /\.(dto|service|use-case|usecase|handler|saga)\.[cm]?[jt]s$/ },
      { layer: 'infrastructure', pattern: /\.(repository|entity|schema|model|provider|client)\.[cm]?[jt]s$/ },
    ],
    [
      { layer: 'config', pattern: folder('config') },
      { layer: 'application', pattern: folder('dtos?') },
      { layer: 'shared', pattern: folder('common|shared|utils') },
    ],
  ],
  allowed: {
    ...CLEAN_ALLOWED,
    application: ['application', 'domain', 'shared', 'infrastructure', 'config'],
    interfaces: ['interfaces', 'application', 'domain', 'shared', 'config'],
  },
};

/**
 * Legacy layered MVC: routes -> controllers -> services -> models. Controllers reaching models is
 * how MVC apps are written (controller-db-access names that smell); the arrows that break the
 * layering are the inner layers reaching back out.
 */
export const MVC_PRESET: Preset = {
  name: 'mvc',
  title: 'Layered MVC',
  tiers: [
    LAYER_FOLDERS,
    // Feature-folder Express apps name files by role (users.controller.ts in routes/users/): the role wins.
    [
      { layer: 'interfaces', pattern: file('controller|routes?|router|middleware|validator|handler') },
      { layer: 'application', pattern: file('service|job|worker') },
      { layer: 'infrastructure', pattern: file('model|repository|entity|dao|db') },
    ],
    [
      { layer: 'interfaces', pattern: folder('routes|routers|router|controllers|controller|middlewares|middleware|handlers|validators') },
      { layer: 'interfaces', pattern: /(^|\/)src\/api\// },
      { layer: 'application', pattern: folder('services|service|jobs|workers') },
      { layer: 'infrastructure', pattern: folder('models|model|repositories|db|database|dal|data|schemas|migrations|clients') },
      { layer: 'shared', pattern: folder('utils|util|helpers|helper|lib|common') },
    ],
    [{ layer: 'bootstrap', pattern: ENTRY_FILE }],
  ],
  // A domain/ folder is where an MVC app grows next (the refactoring path): every layer may use it.
  allowed: {
    interfaces: ['interfaces', 'application', 'infrastructure', 'domain', 'shared', 'config'],
    application: ['application', 'infrastructure', 'domain', 'shared', 'config'],
    infrastructure: ['infrastructure', 'domain', 'shared', 'config'],
    domain: ['domain', 'shared'],
    config: EVERYTHING,
    bootstrap: EVERYTHING,
    shared: ['shared', 'domain', 'config'],
  },
};

export const PRESETS: readonly Preset[] = [CLEAN_PRESET, NEST_PRESET, MVC_PRESET];
