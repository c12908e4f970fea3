import type { Config } from '../../src/config/env.js';
import { openDatabase, type DatabaseHandle } from '../../src/bootstrap/database.js';
import { createService, MIGRATIONS_DIR, type Service, type ServiceOptions } from '../../src/bootstrap/service.js';
import { migrate } from '../../src/shared/infrastructure/db/migrator.js';
import { createLogger } from '../../src/shared/infrastructure/observability/logger.js';
import { testConfig } from './test-config.js';

let embedded: Promise<DatabaseHandle> | undefined;

/**
 * PGlite's first start in a process compiles its WASM (seconds on a loaded 2-core box), so the
 * embedded run shares one migrated instance per worker; tests isolate by unique names, exactly as
 * they must on the one fresh PostgreSQL database of a CI run.
 */
export async function testDatabase(config: Readonly<Config>): Promise<{ handle: DatabaseHandle; shared: boolean }> {
  const logger = createLogger(config.LOG_LEVEL);
  if (config.DATABASE_URL) {
    const handle = await openDatabase(config, logger);
    await migrate(handle.migrations, MIGRATIONS_DIR);
    return { handle, shared: false };
  }
  embedded ??= openDatabase(config, logger).then(async (handle) => {
    await migrate(handle.migrations, MIGRATIONS_DIR);
    return handle;
  });
  return { handle: await embedded, shared: true };
}

/** A whole service on the test database; call `stop()` in afterAll. */
export async function startTestService(
  overrides: Record<string, string> = {},
  options: Pick<ServiceOptions, 'clock'> = {},
): Promise<Service & { config: Readonly<Config> }> {
  const config = testConfig(overrides);
  const { handle, shared } = await testDatabase(config);
  const service = await createService(config, createLogger(config.LOG_LEVEL), { migrate: false, database: handle, ...options });
  if (!shared) {
    // The service did not open this pool, so it would not close it: hand ownership over.
    const stop = service.stop;
    service.stop = async () => {
      await stop();
      await handle.close();
    };
  }
  return Object.assign(service, { config });
}
