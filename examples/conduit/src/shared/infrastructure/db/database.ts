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
  /** Transactions in progress in this process. */
  private open = 0;

  constructor(private readonly root: Database) {}

  /** The transaction in progress, or the root handle outside one. */
  current(): Database {
    return this.scope.getStore() ?? this.root;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.scope.getStore()) return work();
    this.open += 1;
    try {
      return await this.root.transaction((tx) => this.scope.run(tx as unknown as Database, work));
    } finally {
      this.open -= 1;
      // On Node 20 an enabled AsyncLocalStorage keeps async hooks on for every promise in the
      // process, which made each cached read pay for them (promise hooks in the bench profile); with
      // no transaction open nothing needs the scope, so it is switched off. `run` switches it on again.
      if (this.open === 0) this.scope.disable();
    }
  }
}

/** Both drivers answer `execute` with an object holding `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
