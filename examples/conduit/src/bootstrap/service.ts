import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env.js';
import type { Clock } from '../shared/application/ports/clock.js';
import { migrate } from '../shared/infrastructure/db/migrator.js';
import { loggableFailure } from '../shared/infrastructure/db/pg-errors.js';
import type { PinoLogger } from '../shared/infrastructure/observability/logger.js';
import { createPrometheusMetrics } from '../shared/infrastructure/observability/metrics.js';
import { SystemClock } from '../shared/infrastructure/system/system-clock.js';
import { keepTickObjectShapeAlive } from '../shared/infrastructure/system/tick-object-shape.js';
import { UuidGenerator } from '../shared/infrastructure/system/uuid-generator.js';
import { openCache } from './cache.js';
import { createContainer, type Container } from './container.js';
import { openInvalidationBus } from './invalidation-bus.js';
import { openDatabase, type DatabaseHandle } from './database.js';
import { buildHttpApp } from './http-app.js';

/** migrations/ sits beside src/ and dist/, so the same relative path works from both. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Service {
  app: FastifyInstance;
  container: Container;
  database: DatabaseHandle;
  /** Listens and returns the base URL (with the real port when PORT=0). */
  listen(): Promise<string>;
  /**
   * Fails readiness, keeps serving for SHUTDOWN_PRE_CLOSE_MS so load balancers stop routing here,
   * then stops accepting and drains in-flight requests; the whole is bounded by SHUTDOWN_TIMEOUT_MS.
   */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Apply migrations at start-up (default: only for PGlite, which starts empty). */
  migrate?: boolean;
  /** An already open database that outlives this service (tests share one PGlite per process). */
  database?: DatabaseHandle;
  /** The time source (tests freeze it to tell an invalidation from an expiry); the system clock by default. */
  clock?: Clock;
}

export async function createService(config: Readonly<Config>, logger: PinoLogger, options: ServiceOptions = {}): Promise<Service> {
  // main.ts does this first; entry points that start here (tests, the bench's servers) get it now.
  keepTickObjectShapeAlive();
  const clock = options.clock ?? new SystemClock();
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await openDatabase(config, logger));
  // PGlite starts empty on every boot, so it always migrates; PostgreSQL does when asked (`npm run migrate` in deploys).
  if (options.migrate ?? database.kind === 'pglite') {
    const applied = await migrate(database.migrations, MIGRATIONS_DIR);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  const cacheHandle = await openCache(config, clock, logger);
  const invalidations = await openInvalidationBus(config, cacheHandle.redis, logger);
  const container = await createContainer({ config, db: database.db, invalidations: invalidations.bus, logger, clock, ids: new UuidGenerator() });
  let shuttingDown = false;
  const app = await buildHttpApp({
    config,
    logger,
    container,
    redis: cacheHandle.redis,
    metrics: config.METRICS_ENABLED ? createPrometheusMetrics() : undefined,
    // Without the database nothing works; without the cache everything works, only slower.
    checks: { database: { check: database.ping, critical: true }, cache: { check: () => cacheHandle.cache.ping(), critical: false } },
    isShuttingDown: () => shuttingDown,
  });

  const stopMaintenance = scheduleMaintenance(container, config, logger);

  let stopping: Promise<void> | undefined;
  async function closeEverything(): Promise<void> {
    const startedAt = Date.now();
    shuttingDown = true;
    // Readiness now answers 503; the listener stays open until load balancers have noticed.
    if (config.SHUTDOWN_PRE_CLOSE_MS > 0) await sleep(config.SHUTDOWN_PRE_CLOSE_MS);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, config.SHUTDOWN_TIMEOUT_MS - (Date.now() - startedAt) - CLOSE_RESERVE_MS));
      timer.unref();
    });
    const drained = await Promise.race([app.close().then(() => 'drained' as const), deadline]);
    clearTimeout(timer);
    if (drained === 'timeout') {
      logger.warn({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; closing connections with requests in flight');
      app.server.closeAllConnections();
    }
    await Promise.race([stopMaintenance(), sleep(CLOSE_RESERVE_MS / 4)]);
    invalidations.close();
    await cacheHandle.close(CLOSE_RESERVE_MS / 2);
    if (ownsDatabase) await Promise.race([database.close(), sleep(CLOSE_RESERVE_MS / 2)]);
  }

  return {
    app,
    container,
    database,
    listen: async () => app.listen({ host: config.HOST, port: config.PORT }),
    stop: () => (stopping ??= closeEverything()),
  };
}

/** Kept back from SHUTDOWN_TIMEOUT_MS for closing Redis and the pool once the HTTP drain ends. */
const CLOSE_RESERVE_MS = 1000;
const PURGE_EVERY_MS = 3_600_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The outbox relay (delivers events whose after-commit handlers failed or never ran) and the hourly
 * purge of spent refresh tokens. Neither overlaps itself; the returned function waits for a pass in progress.
 */
function scheduleMaintenance(container: Container, config: Readonly<Config>, logger: PinoLogger): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const guard = (label: string, task: () => Promise<unknown>) => () => {
    if (stopped) return;
    running = running.then(task).catch((error: unknown) => {
      logger.warn({ task: label, ...loggableFailure(error) }, 'maintenance pass failed; retrying later');
    });
  };
  const relay = guard('outbox relay', container.maintenance.relayOutbox);
  const purge = guard('refresh token purge', async () => {
    const purged = await container.maintenance.purgeSpentRefreshTokens.execute();
    if (purged > 0) logger.info({ purged }, 'spent refresh tokens purged');
  });
  const relayTimer = setInterval(relay, config.OUTBOX_RELAY_INTERVAL_MS);
  const purgeTimer = setInterval(purge, PURGE_EVERY_MS);
  relayTimer.unref();
  purgeTimer.unref();
  relay();
  purge();
  return async () => {
    stopped = true;
    clearInterval(relayTimer);
    clearInterval(purgeTimer);
    await running;
  };
}
