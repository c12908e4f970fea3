import type { Phase } from '../runner/run.js';
import { linearTrend, median } from './trend.js';

/** Post-GC growth smaller than this over a route's load is JIT code, caches warming, noise. */
const MIN_GROWTH_BYTES = 4 * 1024 * 1024;
const MIN_GROWTH_SHARE = 0.1;

/** What a trend is read from: a route's load windows and its post-GC readings (the runner's, while it runs). */
export interface TrendInput {
  windows: ReadonlyArray<Pick<Phase['windows'][number], 'start' | 'end' | 'requests'>>;
  readings: Phase['readings'];
  start: number;
  end: number;
}

/** The post-GC heap of one route's load, as a trend across its windows. */
export interface HeapTrend {
  /** Per load window, the median of its post-GC readings (bytes). */
  byWindow: number[];
  readings: number;
  /** Readings the probe forced: windows in which the service ran no full collection of its own. */
  forced: number;
  /** Least squares over every reading against the requests served when it was taken (against time, in ms, without load). */
  slope: number;
  r2: number;
  /** The line's growth over the route's whole load: slope × its requests (or its duration). */
  growth: number;
  /**
   * Whether every window's median sits above the previous window's by at least a quarter of the average
   * step: growth that shows in every window, not one jump (a cache filled once) after flat windows.
   */
  risingEveryWindow: boolean;
}

/**
 * Where a reading sits on the route's load: the requests served before its window, plus the window's
 * share by time (a forced reading comes after its window's load: all of it). Without load windows
 * (--attach-only), the time since the phase began.
 */
function position(phase: TrendInput, reading: TrendInput['readings'][number]): number {
  const window = phase.windows[reading.window];
  if (!phase.windows.length || !window) return reading.at - phase.start;
  const before = phase.windows.slice(0, reading.window).reduce((sum, w) => sum + w.requests, 0);
  const share = window.end > window.start ? Math.min(1, Math.max(0, (reading.at - window.start) / (window.end - window.start))) : 1;
  return before + window.requests * share;
}

export function heapTrend(phase: TrendInput): HeapTrend | null {
  if (!phase.readings.length) return null;
  const windowCount = Math.max(...phase.readings.map((reading) => reading.window)) + 1;
  const byWindow: number[] = [];
  for (let i = 0; i < windowCount; i++) {
    const bytes = phase.readings.filter((reading) => reading.window === i).map((reading) => reading.bytes);
    // A window without a reading (the sampler answers one for every window) leaves no trend to read.
    if (!bytes.length) return null;
    byWindow.push(median(bytes));
  }
  const { slope, r2 } = linearTrend(phase.readings.map((reading) => [position(phase, reading), reading.bytes]));
  const meanStep = (byWindow[byWindow.length - 1]! - byWindow[0]!) / Math.max(1, byWindow.length - 1);
  const span = phase.windows.length ? phase.windows.reduce((sum, w) => sum + w.requests, 0) : phase.end - phase.start;
  return {
    byWindow,
    readings: phase.readings.length,
    forced: phase.readings.filter((reading) => reading.source === 'forced').length,
    slope,
    r2,
    growth: slope * span,
    risingEveryWindow: meanStep > 0 && byWindow.every((bytes, i) => i === 0 || bytes - byWindow[i - 1]! >= meanStep / 4),
  };
}

/**
 * Growth as a leak shows it, over at least three windows (never one reading): every window's median above the
 * one before, and the line through every reading growing by the threshold over the route's load.
 */
export function isGrowing(trend: HeapTrend): boolean {
  return trend.byWindow.length >= 3 && trend.risingEveryWindow && trend.growth >= Math.max(MIN_GROWTH_BYTES, trend.byWindow[0]! * MIN_GROWTH_SHARE);
}
