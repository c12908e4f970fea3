import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env.js';
import { migrate } from '../shared/infrastructure/db/migrator.js';
import type { PinoLogger } from '../shared/infrastructure/observability/logger.js';
import { createPrometheusMetrics } from '../shared/infrastructure/observability/metrics.js';
import { SystemClock } from '../shared/infrastructure/system/system-clock.js';
import { UuidGenerator } from '../shared/infrastructure/system/uuid-generator.js';
import { openCache } from './cache.js';
import { createContainer, type Container } from './container.js';
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
  /** Stops accepting, drains in-flight requests (bounded by SHUTDOWN_TIMEOUT_MS), then closes pools. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Apply migrations at start-up (default: only for PGlite, which starts empty). */
  migrate?: boolean;
  /** An already open database that outlives this service (tests share one PGlite per process). */
  database?: DatabaseHandle;
}

export async function createService(config: Readonly<Config>, logger: PinoLogger, options: ServiceOptions = {}): Promise<Service> {
  const clock = new SystemClock();
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await openDatabase(config, logger));
  // PGlite starts empty on every boot, so it always migrates; PostgreSQL does when asked (`npm run migrate` in deploys).
  if (options.migrate ?? database.kind === 'pglite') {
    const applied = await migrate(database.migrations, MIGRATIONS_DIR);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  const cacheHandle = await openCache(config, clock);
  const container = await createContainer({ config, db: database.db, cache: cacheHandle.cache, logger, clock, ids: new UuidGenerator() });
  let shuttingDown = false;
  const app = await buildHttpApp({
    config,
    logger,
    container,
    redis: cacheHandle.redis,
    metrics: config.METRICS_ENABLED ? createPrometheusMetrics() : undefined,
    checks: { database: database.ping, cache: () => cacheHandle.cache.ping() },
    isShuttingDown: () => shuttingDown,
  });

  let stopping: Promise<void> | undefined;
  async function closeEverything(): Promise<void> {
    shuttingDown = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), config.SHUTDOWN_TIMEOUT_MS);
      timer.unref();
    });
    const drained = await Promise.race([app.close().then(() => 'drained' as const), deadline]);
    clearTimeout(timer);
    if (drained === 'timeout') logger.warn({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; closing pools with requests in flight');
    await cacheHandle.close();
    if (ownsDatabase) await database.close();
  }

  return {
    app,
    container,
    database,
    listen: async () => app.listen({ host: config.HOST, port: config.PORT }),
    stop: () => (stopping ??= closeEverything()),
  };
}
