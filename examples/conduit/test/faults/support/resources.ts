import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../../src/bootstrap/database.js';
import { MIGRATIONS_DIR } from '../../../src/bootstrap/service.js';
import { loadConfig } from '../../../src/config/env.js';
import { migrate } from '../../../src/shared/infrastructure/db/migrator.js';
import { createLogger } from '../../../src/shared/infrastructure/observability/logger.js';

/** Set by scripts/test-faults.mjs: a database created for this run, and Redis. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const REDIS_PREFIX = process.env.REDIS_KEY_PREFIX ?? 'conduit-faults:';

export function hostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || (parsed.protocol.startsWith('redis') ? 6379 : 5432)) };
}

/** Applies the migrations to the run's database (the service itself migrates only PGlite). */
export async function migrateRunDatabase(): Promise<void> {
  const config = loadConfig({ DATABASE_URL, LOG_LEVEL: 'silent' });
  const handle = await openDatabase(config, createLogger('silent'));
  try {
    await migrate(handle.migrations, MIGRATIONS_DIR);
  } finally {
    await handle.close();
  }
}

/** One query on the run's database from the test's side (never through a proxy). */
export async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

/** Key space of one service instance inside the run's prefix (deleted by the runner at the end). */
export function redisPrefix(): string {
  return `${REDIS_PREFIX}${randomBytes(3).toString('hex')}:`;
}
