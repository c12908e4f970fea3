import type { Config } from '../config/env.js';
import type { EventHandlerRegistry } from '../shared/application/event-handlers.js';
import type { Cache } from '../shared/application/ports/cache.js';
import type { Clock } from '../shared/application/ports/clock.js';
import type { EventPublisher } from '../shared/application/ports/event-publisher.js';
import type { FeatureFlags } from '../shared/application/ports/feature-flags.js';
import type { IdGenerator } from '../shared/application/ports/id-generator.js';
import type { DrizzleContext } from '../shared/infrastructure/db/drizzle-context.js';
import type { AppLogger } from '../shared/infrastructure/observability/logger.js';
import type { RouteDefinition } from '../shared/interfaces/http/http-types.js';

/** The shared infrastructure every module is wired from. Built once per process in container.ts. */
export interface Kernel {
  config: Config;
  logger: AppLogger;
  clock: Clock;
  ids: IdGenerator;
  db: DrizzleContext;
  cache: Cache;
  flags: FeatureFlags;
  events: EventPublisher;
  eventHandlers: EventHandlerRegistry;
}

/** What a feature module contributes to the running service. */
export interface ModuleWiring {
  routes: RouteDefinition[];
  /** Stops the module's background work (timers); called on shutdown. */
  stop?: () => Promise<void>;
}
