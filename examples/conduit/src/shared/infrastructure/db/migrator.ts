import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The two things applying migrations needs from a driver: one transaction, and multi-statement scripts. */
export interface MigrationConnection {
  transaction<T>(work: (session: MigrationSession) => Promise<T>): Promise<T>;
}

export interface MigrationSession {
  exec(script: string): Promise<void>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;
// An arbitrary constant shared by every instance: concurrent migrators (replicas, parallel test files) queue on it.
const MIGRATION_LOCK_KEY = 7_340_118;

/** Applies each `NNNN_name.sql` once, in order, each in its own transaction; returns the names applied now. */
export async function migrate(connection: MigrationConnection, directory: string): Promise<string[]> {
  const files = (await readdir(directory)).filter((name) => MIGRATION_FILE.test(name)).sort();
  const applied: string[] = [];
  for (const name of files) {
    const script = await readFile(path.join(directory, name), 'utf8');
    const ran = await connection.transaction(async (session) => {
      await session.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await session.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = await session.query<{ name: string }>('SELECT name FROM schema_migrations WHERE name = $1', [name]);
      if (done.length > 0) return false;
      await session.exec(script);
      await session.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (ran) applied.push(name);
  }
  return applied;
}
