import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/env.js';
import { openDatabase } from '../../src/shared/infrastructure/db/connection.js';
import { migrate } from '../../src/shared/infrastructure/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database of this run only, or null on the embedded PGlite. */
    databaseUrl: string | null;
  }
}

/**
 * With DATABASE_URL set, the run gets its own freshly created database, dropped afterwards, so
 * parallel suites on one server never see each other's rows. Without it, each worker uses PGlite.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const adminUrl = loadConfig().DATABASE_URL;
  if (!adminUrl) {
    project.provide('databaseUrl', null);
    return undefined;
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), pgliteDataDir: 'memory://', poolSize: 1 });
  await migrate(database);
  await database.close();
  project.provide('databaseUrl', url.toString());
  return async () => {
    // FORCE: workers may still hold idle pool connections when the run ends.
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
