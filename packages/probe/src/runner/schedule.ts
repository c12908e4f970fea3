import { DELAY_MEDIAN_MS } from '../analysis/findings.js';
import { SPIKE_MS } from '../analysis/phase.js';
import { SAMPLE_INTERVAL_MS, type IntervalSample } from '../protocol.js';

/** Windows per route: each has at least one post-GC reading, so growth is a trend, never one reading. */
export const WINDOWS_PER_ROUTE = 3;

/**
 * Of a route's windows, how many (from the first) the CPU profiler covers at least, after the warm-up it
 * also covers. With the profiler on, the service's main thread spends about 4 % more CPU per request, more
 * than the profiler's own work accounts for (bench/README.md); a profile of the warm-up and the first window
 * holds a third of the route's load, about 200 samples at the default duration, enough to name a function
 * by its share of the busy time. It runs on through every window when that part showed a stalled loop
 * (profileWholeRoute).
 */
export const PROFILED_WINDOWS = 1;

/** The warm-up before a route's first window, in ms, for windows of `windowMs`. */
export function warmUpMsFor(windowMs: number): number {
  return Math.min(1000, windowMs / 2);
}

/**
 * Whether the CPU profiler stays on for the rest of the route: an interval of the profiled part (the sampler's
 * intervals that started at or after `span.start`, the warm-up's start, and ended by `span.end`'s interval)
 * had a loop-delay median of DELAY_MEDIAN_MS or more, or a spike of SPIKE_MS beyond its GC pauses. A blocked
 * loop is confirmed by long runs of code in the profile where it spiked, and the median of a route's intervals
 * can sit far below the spikes (an interval that straddles the idle gap between two windows records the idle
 * loop's on-time ticks, one every 10 ms, against one late tick per block): on the tests' Fastify fixture, whose
 * requests block for 55 to 220 ms, 3 runs in 10 with the profile of the first window alone read medians of
 * 131, 1 and 0 ms and spiked only in the windows after it, and got no finding. What the profiler costs per
 * request (about 3 µs of main thread on the bench's service) is nothing beside a request that blocks for
 * milliseconds.
 */
export function profileWholeRoute(samples: readonly IntervalSample[], span: { start: number; end: number }): boolean {
  return samples.some(
    (sample) =>
      sample.at - SAMPLE_INTERVAL_MS >= span.start &&
      sample.at - SAMPLE_INTERVAL_MS < span.end &&
      (sample.delay.p50 >= DELAY_MEDIAN_MS || (sample.delay.max >= SPIKE_MS && sample.delay.max - sample.gc.ms >= SPIKE_MS)),
  );
}
