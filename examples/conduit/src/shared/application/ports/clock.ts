/** Time comes through a port so use cases and aggregates are deterministic under test. */
export interface Clock {
  now(): Date;
  /** `now()` as milliseconds since the epoch, without building a Date (the read cache asks on every read). */
  nowMs(): number;
}
