import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

/**
 * Event-loop delay per interval. monitorEventLoopDelay records the whole period of its
 * timer, so the resolution is subtracted; it also drops the first period after each reset, which is why
 * the sampling timer's own lateness is folded into the interval's maximum.
 */
export class LoopMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private lateMs = 0;

  constructor() {
    this.histogram.enable();
  }

  stop(): void {
    this.histogram.disable();
  }

  /** The sampling timer fired `lateMs` after it was due. */
  noteTimerLateness(lateMs: number): void {
    this.lateMs = Math.max(this.lateMs, lateMs);
  }

  /**
   * The interval's figures, and a reset. Only what the analysis reads: each figure is a walk over the
   * histogram's buckets in C++ (its range reaches 2^63 ns, so tens of thousands of them), and the mean and
   * p90 this once also read cost more per interval than the rest of the sampler's interval work together
   * (callgrind: the mean alone about half a million instructions).
   */
  take(): { delay: { p50: number; p99: number; max: number } } {
    const h = this.histogram;
    const beyond = (ns: number): number => (Number.isFinite(ns) ? Math.max(0, ns / NS_PER_MS - RESOLUTION_MS) : 0);
    const counted = h.count > 0;
    const delay = {
      p50: counted ? beyond(h.percentile(50)) : 0,
      p99: counted ? beyond(h.percentile(99)) : 0,
      max: Math.max(counted ? beyond(h.max) : 0, this.lateMs),
    };
    h.reset();
    this.lateMs = 0;
    return { delay };
  }
}
