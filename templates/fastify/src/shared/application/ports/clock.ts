/** Time is a dependency: use cases read it from here so tests can fix it. */
export interface Clock {
  now(): Date;
}
