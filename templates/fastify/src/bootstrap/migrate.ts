import { loadConfig } from '../config/env.js';
import { openDatabase } from '../shared/infrastructure/db/connection.js';
import { migrate } from '../shared/infrastructure/db/migrator.js';
import { createLogger } from '../shared/infrastructure/observability/logger.js';

/** `npm run migrate`: the release step of a deploy, run once before new instances start. */
const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, serviceName: config.OTEL_SERVICE_NAME });
const database = await openDatabase({ url: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR, poolSize: 1 });
try {
  const applied = await migrate(database);
  logger.info({ applied, database: database.kind }, applied.length > 0 ? 'migrations applied' : 'database up to date');
} finally {
  await database.close();
}
