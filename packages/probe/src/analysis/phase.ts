import { SAMPLE_INTERVAL_MS as SAMPLE_MS, type IntervalSample } from '../protocol.js';
import type { RouteFigures } from '../report/types.js';
import type { Phase, ProbeRun } from '../runner/run.js';
import { attributeCpu, attributeSamples, type CpuAttribution } from './cpu.js';
import { findLongTasks, type LongTask } from './long-tasks.js';
import { gcMsPerSecondOf } from './gc-pressure.js';
import { attributeHeap, type HeapAttribution } from './heap.js';
import { heapTrend, type HeapTrend } from './heap-trend.js';
import type { ProjectCode } from './profiles.js';
import { median } from './trend.js';

/** Everything measured while one route was under load, ready for the diagnosis. */
export interface PhaseMeasure {
  phase: Phase;
  label: string;
  samples: IntervalSample[];
  /**
   * The sampler's intervals that lie within the end of the route's warm-up and the end of its last window,
   * the gaps between windows included: an outbound call a request of the route made finishes when it finishes, often
   * after the window's load stopped (a 700 ms upstream outlives a 500 ms window), and belongs to the route.
   */
  outboundSamples: IntervalSample[];
  loadSeconds: number;
  requests: number;
  gcMsPerSecond: number;
  /** GC per second of load in each load window that has a sampler interval in it. */
  gcMsPerSecondByWindow: number[];
  /** The collector's share of the CPU profile's busy samples within the load windows, counted. */
  gcShareOfBusy: number;
  gcMsByKind: Record<string, number>;
  maxGcPauseMs: number;
  /** Intervals whose worst delay reached the spike threshold, beyond what GC pauses explain. */
  spikes: number;
  cpu: CpuAttribution;
  /** Uninterrupted runs of one owner of at least SPIKE_MS in the CPU profile, during the intervals that spiked. */
  longTasks: LongTask[];
  heap: HeapAttribution;
  /** The post-GC heap across the route's windows; null without a reading in every window. */
  heapTrend: HeapTrend | null;
  figures: RouteFigures;
}

export const SPIKE_MS = 100;
/**
 * How far a run of code may sit outside the interval that reported its stall: the sampler's timer fires
 * late, after the block, so the block ends within the interval it reports, and may start before it; the
 * CPU profile's clock is mapped onto the wall clock to within a few ms.
 */
const SPAN_SLACK_MS = 100;

export function routeLabel(phase: Phase): string {
  return phase.route ? `${phase.route.method.toUpperCase()} ${phase.route.path}` : 'external load';
}

/** A sample covers the interval before its timestamp; it belongs to a window when its middle does. */
export function inWindows(sample: IntervalSample, windows: ReadonlyArray<{ start: number; end: number }>): boolean {
  const middle = sample.at - 125;
  return windows.some((window) => middle >= window.start && middle <= window.end);
}

/** Whether an interval's worst loop delay reached SPIKE_MS beyond what its GC pauses explain. */
export function spikedBeyondGc(sample: IntervalSample): boolean {
  return sample.delay.max >= SPIKE_MS && sample.delay.max - sample.gc.ms >= SPIKE_MS;
}

/** GC pauses per second of load in each window that has a sampler interval in it (gcMsPerSecondOf). */
export function gcMsPerSecondInEach(windows: ReadonlyArray<{ start: number; end: number }>, samples: readonly IntervalSample[]): number[] {
  return windows
    .map((window) => gcMsPerSecondOf(window, samples.filter((sample) => inWindows(sample, [window])).map((sample) => sample.gc.ms)))
    .filter((reading): reading is number => reading !== null);
}

export function measurePhase(run: ProbeRun, phase: Phase, code: ProjectCode): PhaseMeasure {
  const windows = phase.windows.length ? phase.windows : [{ start: phase.start, end: phase.end }];
  const samples = run.samples.filter((sample) => inWindows(sample, windows));
  const loadSeconds = windows.reduce((sum, window) => sum + (window.end - window.start), 0) / 1000;
  const gcMs = samples.reduce((sum, sample) => sum + sample.gc.ms, 0);
  const gcMsPerSecondByWindow = gcMsPerSecondInEach(windows, samples);
  const gcMsByKind: Record<string, number> = {};
  for (const sample of samples) for (const [kind, ms] of Object.entries(sample.gc.byKind)) gcMsByKind[kind] = (gcMsByKind[kind] ?? 0) + ms;
  const cpuSamples = phase.cpuProfile && phase.profileClock ? attributeSamples(phase.cpuProfile, code, phase.profileClock) : [];
  const cpu = attributeCpu(cpuSamples);
  // The windows the CPU profile covers: the profiled pass's, or all of them with --attach-only.
  const profiledWindows = phase.cpuProfile ? windows.slice(phase.profiledFrom) : [];
  // Loop utilization from the CPU profile's own idle marks where it ran, over its load windows: libuv's
  // figure is inflated while the profiler runs (its signals wake the poll). Elsewhere, libuv's own.
  const loaded = attributeCpu(cpuSamples.filter((sample) => profiledWindows.some((window) => sample.at >= window.start && sample.at <= window.end)));
  const elu = phase.cpuProfile
    ? loaded.busyMs + loaded.idleMs > 0
      ? loaded.busyMs / (loaded.busyMs + loaded.idleMs)
      : 0
    : samples.length
      ? samples.reduce((sum, sample) => sum + sample.elu, 0) / samples.length
      : 0;
  const heap = phase.heapProfile ? attributeHeap(phase.heapProfile, code) : { retainedBytes: 0, functions: [] };
  // A stall the collector explains (a long full GC of a growing heap) is counted as GC, not as blocking.
  const spiking = samples.filter(spikedBeyondGc);
  const requests = phase.windows.reduce((sum, window) => sum + window.requests, 0);
  const weighted = (pick: (w: Phase['windows'][number]) => number): number =>
    requests ? phase.windows.reduce((sum, window) => sum + pick(window) * window.requests, 0) / requests : 0;
  const loopDelayMs = {
    p50: median(samples.map((sample) => sample.delay.p50)),
    p99: median(samples.map((sample) => sample.delay.p99)),
    max: Math.max(0, ...samples.map((sample) => sample.delay.max)),
  };
  const figures: RouteFigures = {
    route: routeLabel(phase),
    requests,
    rps: loadSeconds ? requests / loadSeconds : 0,
    latencyMs: {
      p50: weighted((w) => w.latency.p50),
      p90: weighted((w) => w.latency.p90),
      p99: weighted((w) => w.latency.p99),
      max: Math.max(0, ...phase.windows.map((w) => w.latency.max)),
    },
    errors: phase.windows.reduce((sum, w) => sum + w.errors, 0),
    timeouts: phase.windows.reduce((sum, w) => sum + w.timeouts, 0),
    non2xx: phase.windows.reduce((sum, w) => sum + w.non2xx, 0),
    loopDelayMs,
    elu,
    gcMsPerSecond: loadSeconds ? gcMs / loadSeconds : 0,
    postGcHeap: phase.readings.map((reading) => reading.bytes),
    forcedCollections: phase.readings.filter((reading) => reading.source === 'forced').length,
    profiledFor: phase.profiledFor,
    heapProfiled: phase.heapProfile !== null,
    topFunctions: cpu.functions.slice(0, 5).map((time) => ({ function: time.location.name, file: time.location.file, line: time.location.line, ms: time.ms, share: time.share })),
  };
  return {
    phase,
    label: figures.route,
    samples,
    // Whole intervals only: the one that straddles the phase's end also holds the next route's first calls.
    outboundSamples: run.samples.filter((sample) => sample.at - SAMPLE_MS >= phase.start && sample.at <= phase.end),
    loadSeconds,
    requests,
    gcMsPerSecond: figures.gcMsPerSecond,
    gcMsPerSecondByWindow,
    gcShareOfBusy: loaded.busySamples ? loaded.gcSamples / loaded.busySamples : 0,
    gcMsByKind,
    maxGcPauseMs: Math.max(0, ...samples.map((sample) => sample.gc.maxMs)),
    spikes: spiking.length,
    cpu,
    longTasks: findLongTasks(
      cpuSamples,
      SPIKE_MS,
      spiking.map((sample) => ({ start: sample.at - SAMPLE_MS - SPAN_SLACK_MS, end: sample.at + SPAN_SLACK_MS })),
    ),
    heap,
    heapTrend: heapTrend(phase),
    figures,
  };
}
