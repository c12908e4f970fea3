/**
 * The layer vocabularies Strata recognises without configuration. Every preset maps onto the same
 * canonical layers, so rules and diagrams speak one language; what differs is which folders and
 * file names land where, and which dependency directions the architecture allows.
 */
export const CANONICAL_LAYERS = ['interfaces', 'application', 'domain', 'infrastructure', 'config', 'bootstrap', 'shared'] as const;
export type CanonicalLayer = (typeof CANONICAL_LAYERS)[number];

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
  /** Matched against the relative path; the first pattern that matches wins. */
  pattern: RegExp;
}

export interface Preset {
  name: 'clean' | 'nestjs' | 'mvc';
  title: string;
  patterns: LayerPattern[];
  /** For each layer, the layers it may import (itself included). */
  allowed: Record<string, readonly string[]>;
}

const folder = (names: string): RegExp => new RegExp(`(^|/)(${names})/`);

const EVERYTHING = CANONICAL_LAYERS;

/** Clean Architecture: dependencies point inward; only the composition root and config see everything. */
const CLEAN_ALLOWED: Record<string, readonly string[]> = {
  domain: ['domain', 'shared'],
  application: ['application', 'domain', 'shared'],
  interfaces: ['interfaces', 'application', 'domain', 'shared', 'config'],
  infrastructure: ['infrastructure', 'application', 'domain', 'shared', 'config'],
  config: EVERYTHING,
  bootstrap: EVERYTHING,
  shared: ['shared'],
};

const file = (suffixes: string): RegExp => new RegExp(`[.-](${suffixes})\\.[cm]?[jt]sx?$`);

/**
 * Order of evidence: a folder named after a layer is the team's explicit statement; next, a file
 * named for its role (`user.repository.port.ts`, `create-user.http.controller.ts`) says more than
 * a conventional folder such as `commands/` or `database/`, which comes last.
 */
const ROLE_PATTERNS: LayerPattern[] = [
  { layer: 'application', pattern: file('port|ports|use-case|usecase|command-handler|query-handler') },
  { layer: 'domain', pattern: file('value-object|aggregate|domain-event|domain-service') },
  { layer: 'interfaces', pattern: file('controller|resolver|route|routes|middleware') },
  { layer: 'infrastructure', pattern: file('adapter|orm-entity') },
];

export const CLEAN_PRESET: Preset = {
  name: 'clean',
  title: 'Clean Architecture',
  patterns: [
    { layer: 'bootstrap', pattern: folder('bootstrap|composition-root') },
    { layer: 'config', pattern: folder('config|configs|configuration') },
    { layer: 'domain', pattern: folder('domain') },
    { layer: 'application', pattern: folder('application') },
    { layer: 'infrastructure', pattern: folder('infrastructure|infra') },
    { layer: 'interfaces', pattern: folder('interfaces|presentation') },
    ...ROLE_PATTERNS,
    { layer: 'bootstrap', pattern: folder('composition|di|ioc|container') },
    { layer: 'domain', pattern: folder('entities|value-objects') },
    { layer: 'application', pattern: folder('use-cases|usecases|use_cases|app-services|ports|commands|queries') },
    { layer: 'infrastructure', pattern: folder('adapters|persistence|repositories|database|db') },
    { layer: 'interfaces', pattern: folder('interface|http|api|web|delivery|controllers|routes|middlewares|middleware|dtos|dto') },
    { layer: 'shared', pattern: folder('shared|common|utils') },
    { layer: 'bootstrap', pattern: /(^|\/)src\/(main|server|index|app)\.[cm]?[jt]sx?$/ },
  ],
  allowed: CLEAN_ALLOWED,
};

/**
 * NestJS by file role. A Nest service injecting a TypeORM repository is the framework's idiom, so
 * application -> infrastructure is allowed here; the strict-clean profile takes that back.
 */
export const NEST_PRESET: Preset = {
  name: 'nestjs',
  title: 'NestJS modules',
  patterns: [
    { layer: 'bootstrap', pattern: /(\.module\.[cm]?[jt]s|(^|\/)main\.[cm]?[jt]s)$/ },
    { layer: 'config', pattern: /(\.config\.[cm]?[jt]s$|(^|\/)config\/)/ },
    { layer: 'interfaces', pattern: /\.(controller|resolver|gateway|guard|interceptor|middleware|pipe|filter|decorator)\.[cm]?[jt]s$/ },
    // DTOs are the contract between controller and service: the application's input and output shapes.
    { layer: 'application', pattern: /(^|\/)dtos?\// },
    { layer: 'application', pattern: /\.dto\.[cm]?[jt]s$/ },
    { layer: 'application', pattern: /\.(service|use-case|usecase|handler|saga)\.[cm]?[jt]s$/ },
    { layer: 'infrastructure', pattern: /\.(repository|entity|schema|model|provider|client)\.[cm]?[jt]s$/ },
    { layer: 'shared', pattern: folder('common|shared|utils') },
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
  patterns: [
    { layer: 'config', pattern: folder('config|configs') },
    // Feature-folder Express apps name files by role (users.controller.ts in routes/users/): the role wins.
    { layer: 'interfaces', pattern: file('controller|routes?|router|middleware|validator|handler') },
    { layer: 'application', pattern: file('service|job|worker') },
    { layer: 'infrastructure', pattern: file('model|repository|entity|dao|db') },
    { layer: 'interfaces', pattern: folder('routes|routers|router|controllers|controller|middlewares|middleware|handlers|api|validators') },
    { layer: 'application', pattern: folder('services|service|jobs|workers') },
    { layer: 'infrastructure', pattern: folder('models|model|repositories|db|database|dal|data|schemas|migrations|clients') },
    { layer: 'shared', pattern: folder('utils|util|helpers|helper|lib|common') },
    { layer: 'bootstrap', pattern: /^(src\/)?(app|server|index|main)\.[cm]?[jt]sx?$/ },
  ],
  allowed: {
    interfaces: ['interfaces', 'application', 'infrastructure', 'shared', 'config'],
    application: ['application', 'infrastructure', 'shared', 'config'],
    infrastructure: ['infrastructure', 'shared', 'config'],
    domain: ['domain', 'shared'],
    config: EVERYTHING,
    bootstrap: EVERYTHING,
    shared: ['shared', 'config'],
  },
};

export const PRESETS: readonly Preset[] = [CLEAN_PRESET, NEST_PRESET, MVC_PRESET];
