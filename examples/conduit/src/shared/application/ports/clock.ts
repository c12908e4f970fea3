/** Time comes through a port so use cases and aggregates are deterministic under test. */
export interface Clock {
  now(): Date;
}
