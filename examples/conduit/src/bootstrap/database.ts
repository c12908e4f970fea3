import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config/env.js';
import type { Database } from '../shared/infrastructure/db/database.js';
import type { MigrationConnection } from '../shared/infrastructure/db/migrator.js';
import { classifyDatabaseError } from '../shared/infrastructure/db/pg-errors.js';
import type { PinoLogger } from '../shared/infrastructure/observability/logger.js';

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Database;
  migrations: MigrationConnection;
  ping(): Promise<void>;
  close(): Promise<void>;
}

type DatabaseSettings = Pick<
  Config,
  'DATABASE_URL' | 'PGLITE_DATA_DIR' | 'DATABASE_POOL_MAX' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_CONNECT_TIMEOUT_MS'
>;

/** PostgreSQL when DATABASE_URL is set; otherwise PGlite (PostgreSQL in WASM), so a bare machine runs the real SQL. */
export async function openDatabase(settings: DatabaseSettings, logger: PinoLogger): Promise<DatabaseHandle> {
  return settings.DATABASE_URL ? openPostgres(settings.DATABASE_URL, settings, logger) : openPglite(settings.PGLITE_DATA_DIR);
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  // PGlite creates its directory but not the parents: a fresh checkout has no .data/ yet.
  if (dataDir && !dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ?? 'memory://');
  return {
    kind: 'pglite',
    db: drizzlePglite({ client }) as unknown as Database,
    migrations: {
      transaction: (work) =>
        client.transaction((tx) =>
          work({
            exec: async (script) => {
              await tx.exec(script);
            },
            query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
          }),
        ),
    },
    ping: async () => {
      await client.query('SELECT 1');
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string, settings: DatabaseSettings, logger: PinoLogger): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.DATABASE_POOL_MAX,
    connectionTimeoutMillis: settings.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // Bounded statements: a runaway query fails fast instead of pinning a pool slot forever.
    statement_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS * 2,
    // The server-side timeout cannot fire when the server is unreachable (a partition without
    // resets): the client gives up on its own a little later, so no request waits forever.
    query_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
  });
  // An idle client losing its connection emits here; without a listener it would crash the process.
  pool.on('error', (error) => logger.warn({ dependency: classifyDatabaseError(error)?.facts ?? { connection: 'unknown' } }, 'idle PostgreSQL client failed'));
  return {
    kind: 'postgres',
    db: drizzlePostgres({ client: pool }) as unknown as Database,
    migrations: {
      transaction: async (work) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work({
            exec: async (script) => {
              await client.query(script);
            },
            query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
