/**
 * A transaction boundary owned by use cases: every repository call made inside `run` joins the same
 * database transaction, which commits when `work` resolves and rolls back when it throws.
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
}
