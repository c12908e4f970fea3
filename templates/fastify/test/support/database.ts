import { inject } from 'vitest';
import { openDatabase, type DatabaseConnection } from '../../src/shared/infrastructure/db/connection.js';
import { migrate } from '../../src/shared/infrastructure/db/migrator.js';

let shared: Promise<DatabaseConnection> | undefined;

/**
 * One database per worker process, shared by the test files it runs (vitest `isolate: false`):
 * starting PGlite costs seconds, so it happens once per worker. Tests isolate their data by
 * creating their own users instead of truncating tables under each other.
 */
export function testDatabase(): Promise<DatabaseConnection> {
  shared ??= (async () => {
    const url = inject('databaseUrl');
    const database = await openDatabase({ url: url ?? undefined, pgliteDataDir: 'memory://', poolSize: 4 });
    if (!url) await migrate(database);
    return database;
  })();
  return shared;
}
