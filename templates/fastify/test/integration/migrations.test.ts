import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { openDatabase } from '../../src/shared/infrastructure/db/connection.js';
import { migrate } from '../../src/shared/infrastructure/db/migrator.js';
import { servicesConfigured } from '../support/services.js';

const adminUrl = loadConfig().DATABASE_URL;

/** Only PostgreSQL has several connections that can race; PGlite is one process. */
const SUITE = 'migrations on a fresh PostgreSQL database';
describe.runIf(servicesConfigured(SUITE, { DATABASE_URL: adminUrl }))(SUITE, () => {
  it('let several instances migrate at once: each file applied once, no catalog collision', { timeout: 60_000 }, async () => {
    const name = `migrate_race_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const replicas = await Promise.all(Array.from({ length: 8 }, () => openDatabase({ url: url.toString(), pgliteDataDir: 'memory://', poolSize: 1 })));
    try {
      const outcomes = await Promise.allSettled(replicas.map((database) => migrate(database)));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      const applied = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
      expect(new Set(applied).size).toBe(applied.length);
    } finally {
      await Promise.all(replicas.map((database) => database.close()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
