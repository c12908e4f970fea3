import type { Clock } from '../../src/shared/application/ports/clock.js';

/** Deterministic time: tests move it explicitly instead of sleeping. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start = '2030-01-01T00:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
