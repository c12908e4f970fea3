import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Logger } from '../../application/ports/logger.js';

/** Drizzle over either driver: both speak the PostgreSQL dialect, so repositories see one type. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** Runs raw SQL inside one transaction; returns the rows of the last statement. */
export type SqlRunner = (text: string) => Promise<Record<string, unknown>[]>;

export interface DatabaseConnection {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** For migrations: multi-statement SQL in one transaction, rolled back as a whole on error. */
  transaction<T>(work: (run: SqlRunner) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL when set; the embedded PGlite otherwise. */
  url?: string | undefined;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  pgliteDataDir: string;
  poolSize?: number;
  /** statement_timeout on the server; the client stops waiting one second later. */
  queryTimeoutMs?: number;
  /** Told when an idle pooled connection dies (a database restart); without a listener that would crash the process. */
  logger?: Logger;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseConnection> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10, options.queryTimeoutMs ?? 15_000, options.logger) : openPglite(options.pgliteDataDir);
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  const last: unknown = Array.isArray(result) ? result.at(-1) : result;
  return (last as { rows?: Record<string, unknown>[] } | undefined)?.rows ?? [];
}

function openPostgres(url: string, poolSize: number, queryTimeoutMs: number, logger: Logger | undefined): DatabaseConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A database on the same network accepts in milliseconds; waiting longer only queues requests.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    // A runaway query must not hold a connection (and a request) forever...
    statement_timeout: queryTimeoutMs,
    // ...nor a partitioned network, where the server's own timeout never reaches us.
    query_timeout: queryTimeoutMs + 1_000,
    keepAlive: true,
  });
  // A connection that dies (database restart, network cut) emits 'error' on its client: while idle
  // the pool hears it, while checked out (inside a transaction) nobody does, and an unheard 'error'
  // ends the process. Every client gets a listener; the query in flight still rejects, and the
  // pool replaces the dead client.
  pool.on('error', (error) => logger?.warn({ err: error }, 'idle database connection lost'));
  pool.on('connect', (client) => client.on('error', (error) => logger?.warn({ err: error }, 'database connection lost')));
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(async (text) => rowsOf(await client.query(text)));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseConnection> {
  // PGlite creates its own folder but not the parents: a fresh checkout has no .data/ yet.
  if (!dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    transaction: (work) => client.transaction((tx) => work(async (text) => rowsOf(await tx.exec(text)))),
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
