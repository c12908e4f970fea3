import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DatabaseConnection } from './connection.js';

/** Same depth from src/ and dist/, so the path holds for `tsx` and for the compiled build. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations/', import.meta.url));

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;
// Any constant works; it only has to be the same for every instance of this service.
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies each `migrations/NNNN_name.sql` once, in order, each in its own transaction, recorded in
 * `schema_migrations`. The advisory lock lets several instances start at once without racing.
 */
export async function migrate(connection: DatabaseConnection, directory = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(directory)).filter((name) => MIGRATION_FILE.test(name)).sort();
  await connection.transaction(async (run) => {
    // Under the lock too: two instances creating the table at once collide in the catalog.
    await run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
    return run('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const applied: string[] = [];
  for (const name of files) {
    const text = await readFile(`${directory}/${name}`, 'utf8');
    const ran = await connection.transaction(async (run) => {
      await run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
      // The name matched MIGRATION_FILE, so it is safe to inline.
      const done = await run(`SELECT 1 FROM schema_migrations WHERE name = '${name}'`);
      if (done.length > 0) return false;
      await run(text);
      await run(`INSERT INTO schema_migrations (name) VALUES ('${name}')`);
      return true;
    });
    if (ran) applied.push(name);
  }
  return applied;
}
