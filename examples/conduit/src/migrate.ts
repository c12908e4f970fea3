import { loadConfig } from './config/env.js';
import { openDatabase } from './bootstrap/database.js';
import { MIGRATIONS_DIR } from './bootstrap/service.js';
import { migrate } from './shared/infrastructure/db/migrator.js';
import { createLogger } from './shared/infrastructure/observability/logger.js';

/** `npm run migrate`: applies pending SQL migrations to DATABASE_URL (or the PGlite directory) and exits. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const database = await openDatabase(config, logger);
try {
  const applied = await migrate(database.migrations, MIGRATIONS_DIR);
  logger.info({ applied, database: database.kind }, applied.length > 0 ? 'migrations applied' : 'database is up to date');
} finally {
  await database.close();
}
