import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import { JoseAccessTokens } from '../modules/identity/infrastructure/security/jose-access-tokens.js';
import { ScryptPasswordHasher } from '../modules/identity/infrastructure/security/scrypt-password-hasher.js';
import type { PasswordHasher } from '../modules/identity/application/ports/password-hasher.js';
import type { DomainEvent } from '../shared/domain/domain-event.js';
import { EventHandlerRegistry } from '../shared/application/event-handlers.js';
import type { Clock } from '../shared/application/ports/clock.js';
import type { Cache } from '../shared/application/ports/cache.js';
import type { EventPublisher } from '../shared/application/ports/event-publisher.js';
import { withTimeout } from '../shared/application/with-timeout.js';
// strata:queue:off import { InlineEventPublisher } from '../shared/application/inline-event-publisher.js';
// strata:queue:on
import { QueuedEventPublisher } from '../shared/application/queued-event-publisher.js';
import { BullMqJobQueue } from '../shared/infrastructure/queue/bullmq-queue.js';
import { InProcessJobQueue } from '../shared/infrastructure/queue/in-process-queue.js';
// strata:queue:end
import { MemoryCache } from '../shared/infrastructure/cache/memory-cache.js';
import { RedisCache } from '../shared/infrastructure/cache/redis-cache.js';
import { closeRedis, createRedisClient } from '../shared/infrastructure/cache/redis-client.js';
import { openDatabase, type DatabaseConnection } from '../shared/infrastructure/db/connection.js';
import { DrizzleContext } from '../shared/infrastructure/db/drizzle-context.js';
import { migrate } from '../shared/infrastructure/db/migrator.js';
import { OpenFeatureFlags } from '../shared/infrastructure/flags/openfeature-flags.js';
import { OutboxEventPublisher } from '../shared/infrastructure/outbox/outbox-event-publisher.js';
import { OutboxRelay } from '../shared/infrastructure/outbox/outbox-relay.js';
import { createLogger, type AppLogger } from '../shared/infrastructure/observability/logger.js';
import { createMetrics, type Metrics } from '../shared/infrastructure/observability/metrics.js';
import { SystemClock } from '../shared/infrastructure/system/system-clock.js';
import { UuidGenerator } from '../shared/infrastructure/system/uuid-generator.js';
import type { RouteDefinition } from '../shared/interfaces/http/http-types.js';
import type { Kernel } from './kernel.js';
import { wireIdentity } from './modules/identity.js';
import { wireInvoices } from './modules/invoices.js';
// strata:module-imports

/** Test seams: a fixed clock, a cheaper password hash, a slow dependency for shutdown tests. */
export interface ContainerOverrides {
  clock?: Clock;
  logger?: AppLogger;
  passwordHasher?: PasswordHasher;
  /** An already-migrated database owned by the caller (tests share one per worker); not closed by dispose. */
  database?: DatabaseConnection;
  /** The active trace's ids for every log line, when tracing is on. */
  traceIds?: () => Record<string, string> | undefined;
}

export interface Container {
  config: Config;
  logger: AppLogger;
  metrics: Metrics;
  database: DatabaseConnection;
  cache: Cache;
  redis: Redis | undefined;
  events: EventPublisher;
  routes: RouteDefinition[];
  verifyToken: JoseAccessTokens['verify'];
  /** Readiness fails when one of these fails. */
  healthChecks: Record<string, () => Promise<void>>;
  /** Reported by readiness, never failing it: the service degrades without them. */
  degradableChecks: Record<string, () => Promise<void>>;
  /** What runs behind each port, for the start-up line; no secrets. */
  backends: Record<string, string>;
  /** Waits for queued background work; tests use it to observe eventual effects. */
  settle(): Promise<void>;
  /**
   * Releases connections in reverse order of creation, all within `budgetMs` together (default
   * SHUTDOWN_TIMEOUT_MS). Call after the HTTP server has drained.
   */
  dispose(budgetMs?: number): Promise<void>;
}

/**
 * The composition root: the only place that chooses implementations. Every `new` of an adapter
 * is here or in bootstrap/modules, so swapping PGlite for PostgreSQL or memory for Redis is config.
 */
export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger =
    overrides.logger ?? createLogger({ level: config.LOG_LEVEL, serviceName: config.OTEL_SERVICE_NAME, ...(overrides.traceIds ? { traceIds: overrides.traceIds } : {}) });
  const clock = overrides.clock ?? new SystemClock();
  const metrics = createMetrics();
  /** Each release is told how long it has left, so it can give up politely before it is abandoned. */
  const disposers: ((remainingMs: number) => Promise<unknown>)[] = [];
  // One budget for all releases: a dependency that stopped answering must not keep the process
  // alive, and several of them must not add up past the orchestrator's deadline.
  const dispose = async (budgetMs: number = config.SHUTDOWN_TIMEOUT_MS) => {
    const deadline = Date.now() + budgetMs;
    for (const release of [...disposers].reverse()) {
      const remainingMs = Math.max(deadline - Date.now(), 0);
      await withTimeout(release(remainingMs), remainingMs, 'releasing a dependency').catch((error: unknown) =>
        logger.warn({ err: error }, 'release failed during shutdown'),
      );
    }
  };

  try {
    const database =
      overrides.database ??
      (await openDatabase({ url: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR, poolSize: config.DATABASE_POOL_SIZE, queryTimeoutMs: config.DATABASE_QUERY_TIMEOUT_MS, logger }));
    if (!overrides.database) disposers.push(() => database.close());
    if (config.MIGRATE_ON_START && !overrides.database) {
      const applied = await migrate(database);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }

    const redisTimeout = config.REDIS_COMMAND_TIMEOUT_MS;
    const redis = config.REDIS_URL ? createRedisClient(config.REDIS_URL, { commandTimeoutMs: redisTimeout, logger }) : undefined;
    if (redis) disposers.push((remainingMs) => closeRedis(redis, Math.min(redisTimeout * 2, remainingMs)));
    const cache = redis ? new RedisCache(redis, config.REDIS_KEY_PREFIX, logger) : new MemoryCache(clock);
    const eventHandlers = new EventHandlerRegistry();
    const ids = new UuidGenerator();
    const db = new DrizzleContext(database.db);
    // Use cases record events in their own transaction; the relay delivers them after commit.
    const events = new OutboxEventPublisher(db, ids, clock);

    // strata:queue:off const delivery = new InlineEventPublisher(eventHandlers, logger);
    // strata:queue:off const queueBackend = 'inline after commit (no queue)';
    // strata:queue:on
    const processJob = async (jobName: string, payload: unknown) => {
      try {
        await eventHandlers.dispatch(payload as DomainEvent);
        metrics.jobsProcessed.inc({ job: jobName, outcome: 'completed' });
      } catch (error) {
        metrics.jobsProcessed.inc({ job: jobName, outcome: 'failed' });
        throw error;
      }
    };
    const retry = { attempts: 5, backoffMs: 500 };
    const queue = config.REDIS_URL
      ? new BullMqJobQueue(processJob, { redisUrl: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, retry, enqueueTimeoutMs: redisTimeout, logger })
      : new InProcessJobQueue(processJob, retry, logger);
    disposers.push((remainingMs) => queue.close(remainingMs));
    const delivery = new QueuedEventPublisher(queue);
    const queueBackend = config.REDIS_URL ? 'bullmq (redis)' : 'in-process (lost on restart)';
    // strata:queue:end
    const relay = new OutboxRelay(db, (event) => delivery.publish([event]), logger, {
      pollMs: 200,
      batchSize: 50,
      deliverTimeoutMs: redisTimeout * 2,
    });
    relay.start();
    disposers.push(() => relay.stop());
    const settle = async () => {
      await relay.flush();
      // strata:queue:on
      await queue.drain();
      // strata:queue:end
    };

    const flags = await OpenFeatureFlags.fromStaticValues(`${config.OTEL_SERVICE_NAME}:${randomUUID()}`, config.FEATURE_FLAGS);
    const kernel: Kernel = {
      config,
      logger,
      clock,
      ids,
      db,
      cache,
      flags,
      events,
      eventHandlers,
    };
    const accessTokens = new JoseAccessTokens({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    });
    const hasher = overrides.passwordHasher ?? new ScryptPasswordHasher({ N: 2 ** config.SCRYPT_LOG_N, r: 8, p: 1 });

    const modules = [
      wireIdentity(kernel, accessTokens, hasher),
      wireInvoices(kernel),
      // strata:register-modules
    ];
    for (const module of modules) if (module.stop) disposers.push(module.stop);

    return {
      config,
      logger,
      metrics,
      database,
      cache,
      redis,
      events,
      routes: modules.flatMap((module) => module.routes),
      verifyToken: (token) => accessTokens.verify(token),
      healthChecks: { database: () => database.ping() },
      degradableChecks: { cache: () => cache.ping() },
      backends: {
        database: database.kind === 'pglite' ? `pglite (${config.PGLITE_DATA_DIR})` : 'postgres',
        cache: redis ? 'redis' : 'memory (per process)',
        queue: queueBackend,
        events: 'transactional outbox',
        tracing: config.OTEL_EXPORTER_OTLP_ENDPOINT ? `otlp ${config.OTEL_EXPORTER_OTLP_ENDPOINT}` : 'off',
        jwtSecret: config.JWT_SECRET_SOURCE === 'environment' ? 'JWT_SECRET' : 'generated per process (tokens die with it)',
      },
      settle,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
