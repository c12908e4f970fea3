import { median } from './trend.js';

/** clinic.js doctor's threshold: GC pauses of 100 ms or more per second. */
export const GC_MS_PER_SECOND = 100;

/** GC pauses per second of load in one load window, from the sampler's intervals that fall in it. */
export function gcMsPerSecondOf(window: { start: number; end: number }, gcMsOfSamples: readonly number[]): number | null {
  const seconds = (window.end - window.start) / 1000;
  // A window with no interval has no reading (a sampler starved by a crowded machine can miss one); zero would be a false calm.
  return gcMsOfSamples.length && seconds > 0 ? gcMsOfSamples.reduce((sum, ms) => sum + ms, 0) / seconds : null;
}

/**
 * Whether a route puts the collector under pressure: over its whole load, and in the median of its load
 * windows. Pauses are wall-clock time, so one collection the machine stretched (a scavenge waits for its
 * helper threads, and on a crowded machine for a CPU) weighs on a short route's total: the healthy
 * Express fixture (30-50 ms/s under the probe; Express 5 promotes about 8 KB of every request out of
 * the young generation) read 82 ms/s beside five CPU hogs, 50 of them from a single 76 ms scavenge in an
 * interval where the process ran a quarter of the time. Pressure is the allocation rate of every request,
 * so it shows in most windows; one window cannot make the finding on its own.
 */
export function isGcPressure(overall: number, byWindow: readonly number[]): boolean {
  return overall >= GC_MS_PER_SECOND && byWindow.length > 0 && median(byWindow) >= GC_MS_PER_SECOND;
}
