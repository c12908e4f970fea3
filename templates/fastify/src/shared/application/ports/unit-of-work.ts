/**
 * A transaction boundary owned by the use case. Repositories called inside `transaction` take part
 * in it without receiving a handle, so ports stay free of ORM types.
 */
export interface UnitOfWork {
  transaction<T>(work: () => Promise<T>): Promise<T>;
}
