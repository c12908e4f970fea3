import { median } from './trend.js';

/** clinic.js doctor's threshold: GC pauses of 100 ms or more per second. */
export const GC_MS_PER_SECOND = 100;

/**
 * The collector's share of the process's time at or above which the pauses are the project's allocation and
 * not the framework's: of the samples in which the process was busy during the load windows, or of the wall
 * clock in the median window. A healthy Express 5 service at saturation spends close to clinic's 10 % of the
 * wall clock in pauses by itself (the tests' fixture read up to 93 ms/s on a quiet machine, at 3,400 requests
 * a second; Express promotes about 8 KB of every request), so that threshold alone cannot tell the two apart
 * and is crossed by a crowded machine's stretched pauses. Counted by samples, beside two processes keeping a
 * core busy each (load 6 to 9), the healthy fixture's collector held 0 to 22 % of them in 27 runs of 28
 * (71 % once, in a run whose windows held one stretched pause and little else, which the median window kept
 * from a finding), the allocation-heavy route's 30 to 88 %. Either reading will do: few, delayed samples can
 * understate the collector's share (the 30 %), and that route's median window read 411 to 1,086 ms/s in the
 * same runs, where the healthy one's worst window read 144.
 */
export const GC_SHARE_OF_TIME = 0.25;

/** GC pauses per second of load in one load window, from the sampler's intervals that fall in it. */
export function gcMsPerSecondOf(window: { start: number; end: number }, gcMsOfSamples: readonly number[]): number | null {
  const seconds = (window.end - window.start) / 1000;
  // A window with no interval has no reading (a sampler starved by a crowded machine can miss one); zero would be a false calm.
  return gcMsOfSamples.length && seconds > 0 ? gcMsOfSamples.reduce((sum, ms) => sum + ms, 0) / seconds : null;
}

export interface GcReadings {
  /** GC pauses per second over the route's whole load. */
  overall: number;
  /** The same per load window. */
  byWindow: readonly number[];
  /** The collector's share of the CPU profile's busy samples in the load windows, counted (not timed). */
  shareOfBusy: number;
}

/**
 * Whether a route puts the collector under pressure: pauses at clinic's threshold over its whole load and in
 * the median of its load windows, and the collector holding a quarter of what the process did (its busy
 * samples, or the median window's wall clock).
 *
 * Pauses are wall-clock time, so one collection the machine stretched (a scavenge waits for its helper
 * threads, and on a crowded machine for a CPU) weighs on a short route's total: the healthy Express fixture
 * read 82 ms/s beside five CPU hogs, 50 of them from a single 76 ms scavenge in an interval where the process
 * ran a quarter of the time. Pressure is the allocation rate of every request, so it shows in most windows;
 * one window cannot make the finding on its own. And at saturation a framework's own allocation sits near
 * the wall-clock threshold (GC_SHARE_OF_TIME): the share of the busy samples is what separates a route
 * whose code allocates from one that only serves many requests. GC pauses per CPU-second of the process
 * would not: a process the machine does not schedule keeps its pauses' wall-clock length and loses CPU
 * time, so the figure rises (the healthy fixture's 52 ms/s read 136 per CPU-second at 0.38 of a core).
 */
export function isGcPressure({ overall, byWindow, shareOfBusy }: GcReadings): boolean {
  return isGcPausePressure({ overall, byWindow }) && (shareOfBusy >= GC_SHARE_OF_TIME || median(byWindow) >= GC_SHARE_OF_TIME * 1000);
}

/** The pauses' half of isGcPressure: clinic's threshold over the route's whole load and in its median window. */
export function isGcPausePressure({ overall, byWindow }: Omit<GcReadings, 'shareOfBusy'>): boolean {
  return overall >= GC_MS_PER_SECOND && byWindow.length > 0 && median(byWindow) >= GC_MS_PER_SECOND;
}
