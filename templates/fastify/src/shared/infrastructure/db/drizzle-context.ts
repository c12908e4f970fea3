import { AsyncLocalStorage } from 'node:async_hooks';
import type { UnitOfWork } from '../../application/ports/unit-of-work.js';
import type { Db } from './connection.js';

/**
 * Carries the current transaction through async calls. Repositories read `executor`, so a use case
 * that opens a transaction makes every repository call inside it join, without passing a handle.
 */
export class DrizzleContext implements UnitOfWork {
  private readonly current = new AsyncLocalStorage<Db>();

  constructor(private readonly root: Db) {}

  get executor(): Db {
    return this.current.getStore() ?? this.root;
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    // Nested calls join the outer transaction instead of opening a second connection.
    if (this.current.getStore()) return work();
    return this.root.transaction((tx) => this.current.run(tx as unknown as Db, work));
  }
}
