import { AsyncLocalStorage } from 'node:async_hooks';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { UnitOfWork } from '../../application/ports/unit-of-work.js';

/** Drizzle over either driver (PGlite embedded, node-postgres); repositories never know which. */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

/**
 * Carries the open transaction through async calls, so repositories join it without a tx argument
 * threading through every port. With PGlite this is also what prevents a self-deadlock: its single
 * connection is locked by the transaction, and a query on the root handle would wait forever.
 */
export class DrizzleUnitOfWork implements UnitOfWork {
  private readonly scope = new AsyncLocalStorage<Database>();

  constructor(private readonly root: Database) {}

  /** The transaction in progress, or the root handle outside one. */
  current(): Database {
    return this.scope.getStore() ?? this.root;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.scope.getStore()) return work();
    return this.root.transaction((tx) => this.scope.run(tx as unknown as Database, work));
  }
}

/** Both drivers answer `execute` with an object holding `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
