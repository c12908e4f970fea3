import { DELAY_MEDIAN_MS } from '../analysis/findings.js';
import { isGcPressure } from '../analysis/gc-pressure.js';
import { heapTrend, isGrowing, type TrendInput } from '../analysis/heap-trend.js';
import { gcMsPerSecondInEach, inWindows, spikedBeyondGc } from '../analysis/phase.js';
import { SAMPLE_INTERVAL_MS, type IntervalSample } from '../protocol.js';

/** Windows per pass over a route: each has at least one post-GC reading, so growth is a trend, never one reading. */
export const WINDOWS_PER_ROUTE = 3;

/** The warm-up before a pass's first window, in ms, for windows of `windowMs`. */
export function warmUpMsFor(windowMs: number): number {
  return Math.min(1000, windowMs / 2);
}

/**
 * Whether an interval shows a stalled loop: a loop-delay median of DELAY_MEDIAN_MS or more, or a spike of
 * SPIKE_MS beyond its GC pauses. The same signs the blocking finding starts from (analysis/findings.ts).
 */
function stalled(sample: IntervalSample): boolean {
  return sample.delay.p50 >= DELAY_MEDIAN_MS || spikedBeyondGc(sample);
}

/**
 * Why a route gets a second pass under the CPU profiler, from the sampler's intervals of its first pass's
 * load windows; null when nothing there needs a profile to explain. A stalled loop needs the function that
 * blocked it; GC pressure needs the function that allocates. Without either, neither finding can be made
 * (blockingFinding needs a stall in the windows, gcFinding the same pauses), so the profiler, which
 * costs the service about 4 % of its CPU per request while it runs and tens of ms to start (bench/README.md),
 * stays off. A stall the machine caused (a process not scheduled) also gets the profile, whose long runs of
 * code then decide the finding.
 */
export function cpuProfileReason(samples: readonly IntervalSample[], windows: ReadonlyArray<{ start: number; end: number }>): 'a stalled loop' | 'GC pressure' | null {
  const loaded = samples.filter((sample) => inWindows(sample, windows));
  if (loaded.some(stalled)) return 'a stalled loop';
  const seconds = windows.reduce((sum, window) => sum + (window.end - window.start), 0) / 1000;
  const byWindow = gcMsPerSecondInEach(windows, loaded);
  const gcMs = loaded.reduce((sum, sample) => sum + sample.gc.ms, 0);
  // The collector's share of the loop's busy time, from libuv's utilization of each interval: what the CPU
  // profile's busy samples tell the GC finding, estimated. A framework at saturation pauses for about 100 ms a
  // second by itself (gc-pressure.ts), a seventh of its busy loop; the pauses alone would profile it.
  const busyMs = loaded.reduce((sum, sample) => sum + sample.elu * SAMPLE_INTERVAL_MS, 0);
  const pressure = isGcPressure({ overall: seconds ? gcMs / seconds : 0, byWindow, shareOfBusy: busyMs ? gcMs / busyMs : 0 });
  return pressure ? 'GC pressure' : null;
}

/**
 * Whether the route's post-GC heap grew as a leak does (isGrowing), so that what the heap sampler holds is
 * read: reading it costs a full collection, which deoptimises the service's hot code (profiler.ts).
 */
export function heapProfileWanted(route: TrendInput): boolean {
  const trend = heapTrend(route);
  return trend !== null && isGrowing(trend);
}
