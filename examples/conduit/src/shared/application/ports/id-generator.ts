export interface IdGenerator {
  /** A new globally unique id (UUID). */
  next(): string;
}
