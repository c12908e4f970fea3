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

/** A pattern whose match means "this file has no layer": the evidence is ambiguous, and a guess would cost a false violation. */
export const NO_LAYER = '';

export interface LayerPattern {
  /** The layer, or NO_LAYER. */
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
/**
 * A role suffix after a dot, possibly compound (`users.controller.ts`, `find-users.graphql-resolver.ts`),
 * or, for the roles Express apps also write with a dash or in PascalCase, `users-controller.js` and
 * `UsersController.ts`. `deep-resolver.ts` is a helper's name, not a role.
 */
const file = (suffixes: string, dashed = ''): RegExp => {
  const pascal = dashed
    .split('|')
    .filter(Boolean)
    .map((role) => role[0]!.toUpperCase() + role.slice(1))
    .join('|');
  const alternatives = [`\\.([a-z0-9]+-)*(${suffixes})`, ...(dashed ? [`-(${dashed})`, `[a-z0-9](${pascal})`] : [])];
  return new RegExp(`(${alternatives.join('|')})\\.[cm]?[jt]sx?$`);
};
/** Entry files that start a process: `main.ts`, `server.ts`, and the `app.ts` that composes an app. */
const ENTRY_FILE = /(^|\/)(main|server|app)\.[cm]?[jt]sx?$/;

const EVERYTHING = CANONICAL_LAYERS;

/** Clean Architecture as strict-clean holds it: dependencies point inward; only the composition root and config see everything. */
export const STRICT_CLEAN_ALLOWED: Record<string, readonly string[]> = {
  domain: ['domain', 'shared'],
  application: ['application', 'domain', 'shared'],
  interfaces: ['interfaces', 'application', 'domain', 'shared', 'config'],
  infrastructure: ['infrastructure', 'application', 'domain', 'shared', 'config'],
  config: EVERYTHING,
  bootstrap: EVERYTHING,
  // A shared kernel may name domain types and read config; it must not reach delivery or storage.
  shared: ['shared', 'domain', 'config'],
};

/**
 * `shared/`, `common/` and `utils/` are placed by name alone. One that imports use cases or
 * repositories is not the framework-free kernel its name promises, but which layer it really is
 * cannot be told from a name: the recommended profile stays quiet about its imports.
 */
const SHARED_BY_CONVENTION = { shared: EVERYTHING };

/**
 * The recommended reading: a use case reading typed configuration (a token lifetime, a page size)
 * is how real services are written; strict-clean still asks for it to be injected.
 */
const CLEAN_ALLOWED: Record<string, readonly string[]> = {
  ...STRICT_CLEAN_ALLOWED,
  application: ['application', 'domain', 'shared', 'config'],
  ...SHARED_BY_CONVENTION,
};

/**
 * Code that runs beside the service, not in it: schema migrations, seeds, one-off scripts and CLI
 * entry points may import anything (they bootstrap the app to run once), so they sit outside the layers.
 */
export const OUTSIDE_LAYERS: LayerPattern[] = [
  { layer: NO_LAYER, pattern: folder('migrations|migration|seeds|seeders|seed|scripts|bin') },
  // Declarations shared by every side (`types/http/headers.types.ts`, `user.interface.ts`) are
  // contracts, not code of a layer: a `http/` folder among types is not the delivery layer.
  { layer: NO_LAYER, pattern: folder('types|typings|@types') },
  { layer: NO_LAYER, pattern: /\.(types?|interfaces?|d)\.[cm]?tsx?$/ },
  // A health check inspects every dependency by design (database, cache, the websocket server).
  { layer: NO_LAYER, pattern: /((^|\/)health(checks?)?\/|[.-]health([.-](indicator|check))?\.[cm]?[jt]s$|health-indicator)/ },
];

/** Folders named after a layer: the team's explicit statement, the strongest evidence. */
export const LAYER_FOLDERS: LayerPattern[] = [
  { layer: 'bootstrap', pattern: folder('bootstrap|composition-root') },
  { layer: 'config', pattern: folder('config|configs|configuration') },
  { layer: 'domain', pattern: folder('domain') },
  { layer: 'application', pattern: folder('application') },
  { layer: 'infrastructure', pattern: folder('infrastructure|infra') },
  { layer: 'interfaces', pattern: folder('interfaces|presentation') },
  // `infra/http` is the delivery side of infrastructure in DDD codebases: the HTTP server and its controllers.
  { layer: 'interfaces', pattern: /(^|\/)(infra|infrastructure)\/(http|rest|graphql|web|api|webserver|web-server|server|express|fastify|hapi|koa)\// },
];

/** A file named for its role (`user.repository.port.ts`) says more than a conventional folder. */
const CLEAN_ROLES: LayerPattern[] = [
  { layer: 'application', pattern: file('port|ports|use-case|usecase|command-handler|query-handler') },
  { layer: 'domain', pattern: file('value-object|aggregate|domain-event|domain-service') },
  // DDD building blocks kept in a shared library (`libs/ddd/aggregate-root.base.ts`): the domain's base classes.
  { layer: 'domain', pattern: /(^|[./-])(aggregate-root|aggregate|entity|value-object|domain-event)\.base\.[cm]?[jt]s$/ },
  { layer: 'interfaces', pattern: file('controller|resolver|route|routes|middleware', 'controller|routes|router|middleware') },
  { layer: 'infrastructure', pattern: file('adapter|orm-entity') },
];

const CONVENTIONAL_FOLDERS: LayerPattern[] = [
  { layer: 'bootstrap', pattern: folder('composition|di|ioc|container') },
  { layer: 'domain', pattern: folder('entities|value-objects') },
  { layer: 'application', pattern: folder('use-cases|usecases|use_cases|useCases|app-services|ports|commands|queries') },
  // Not `repos/`: DDD codebases keep the repository interfaces (ports) there, the adapters below it.
  { layer: 'infrastructure', pattern: folder('adapters|persistence|repositories|database|db') },
  // Mappers translate between layers (domain <-> persistence <-> DTO): they belong to none of them.
  { layer: NO_LAYER, pattern: folder('mappers') },
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
      { layer: 'interfaces', pattern: /\.(controller|resolver|gateway|guard|middleware|pipe|filter)\.[cm]?[jt]s$/ },
      // Interceptors and decorators are cross-cutting: a caching or logging decorator used by services
      // is not the HTTP layer. `*.schema.ts` is a Mongoose schema, a GraphQL schema or a Zod contract.
      { layer: NO_LAYER, pattern: /\.(interceptor|decorator|schema)\.[cm]?[jt]s$/ },
      // DTOs are the contract between controller and service: the application's input and output shapes.
      { layer: 'application', pattern: /\.(dto|service|use-case|usecase|handler|saga)\.[cm]?[jt]s$/ },
      { layer: 'infrastructure', pattern: /\.(repository|entity|model|provider|client)\.[cm]?[jt]s$/ },
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
      { layer: 'interfaces', pattern: file('controller|routes?|router|middleware|validator|handler', 'controller|routes|router|middleware') },
      { layer: 'application', pattern: file('service|job|worker', 'service') },
      { layer: 'infrastructure', pattern: file('model|repository|entity|dao|db', 'model|repository') },
      { layer: 'shared', pattern: file('utils?|helpers?|constants?') },
      { layer: NO_LAYER, pattern: file('mapper|mappers|types?') },
    ],
    [
      { layer: 'interfaces', pattern: folder('routes|routers|router|controllers|controller|middlewares|middleware|handlers|validators') },
      { layer: 'interfaces', pattern: /(^|\/)src\/api\// },
      { layer: 'application', pattern: folder('services|service|jobs|workers') },
      { layer: 'infrastructure', pattern: folder('models|model|repositories|db|database|dal|data|schemas|migrations|clients') },
      // Not `lib/`: in legacy apps it holds services, auth and start-up code as often as helpers.
      { layer: 'shared', pattern: folder('utils|util|helpers|helper|common') },
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
    ...SHARED_BY_CONVENTION,
  },
};

export const PRESETS: readonly Preset[] = [CLEAN_PRESET, NEST_PRESET, MVC_PRESET];
