import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

const KIND_NAMES: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-sweep-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental-marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};

/**
 * GC pauses by kind per interval, and the service's own full collections to `onFullCollection`. The
 * probe's own forced collections are left out: they are not the service's.
 */
export class GcMonitor {
  private count = 0;
  private ms = 0;
  private maxMs = 0;
  private byKind: Record<string, number> = {};
  private readonly forcedWindows: Array<[number, number]> = [];
  private readonly observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => this.record(entry)));

  constructor(private readonly onFullCollection: (endTime: number) => void) {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer.disconnect();
  }

  /** A forced collection ran between these performance.now() times. */
  markForced(start: number, end: number): void {
    this.forcedWindows.push([start, end]);
    if (this.forcedWindows.length > 16) this.forcedWindows.shift();
  }

  private record(entry: PerformanceEntry): void {
    if (this.forcedWindows.some(([start, end]) => entry.startTime >= start - 1 && entry.startTime <= end + 1)) return;
    const code = (entry as { detail?: { kind?: number } }).detail?.kind ?? -1;
    const kind = KIND_NAMES[code] ?? 'other';
    this.count++;
    this.ms += entry.duration;
    this.maxMs = Math.max(this.maxMs, entry.duration);
    this.byKind[kind] = (this.byKind[kind] ?? 0) + entry.duration;
    if (code === constants.NODE_PERFORMANCE_GC_MAJOR) this.onFullCollection(entry.startTime + entry.duration);
  }

  take(): { count: number; ms: number; maxMs: number; byKind: Record<string, number> } {
    const taken = { count: this.count, ms: this.ms, maxMs: this.maxMs, byKind: this.byKind };
    this.count = 0;
    this.ms = 0;
    this.maxMs = 0;
    this.byKind = {};
    return taken;
  }
}
