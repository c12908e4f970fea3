import type { AttributedSample } from './cpu.js';
import { locationKey, type CodeLocation } from './profiles.js';
import { CPU_SAMPLING_INTERVAL_US } from '../protocol.js';
import { median } from './trend.js';

/** Stretches where the CPU profile saw one owner run without a break: what blocks the loop. */
export interface LongTask {
  /** The project's function, when the run was under one; otherwise `dependency` names the package. */
  location?: CodeLocation;
  dependency?: string;
  count: number;
  maxMs: number;
  totalMs: number;
}

function keyOf(sample: AttributedSample): string | null {
  switch (sample.owner.kind) {
    case 'own':
      return locationKey(sample.owner.location);
    case 'dependency':
      return `dependency:${sample.owner.name}`;
    // Idle ends a task; collector time is judged as GC pressure; Node's own code is plumbing between tasks.
    default:
      return null;
  }
}

/**
 * A run needs the samples its length takes at the profiler's nominal period (100 ms at 20 ms: 5), not
 * just that length of time: on a crowded machine a process that gets the CPU only now and then shows
 * wide gaps between samples, and a short function caught in two or three of them would otherwise add up
 * to a long run (each gap also counts as at most three periods, below).
 */
export function minSamplesPerRun(minMs: number): number {
  return Math.ceil((minMs * 1000) / CPU_SAMPLING_INTERVAL_US);
}

/** A stretch of wall-clock time (Date.now() scale). */
export interface Span {
  start: number;
  end: number;
}

/**
 * Runs of consecutive samples charged to the same owner, at least `minMs` long, and, when `during` is
 * given, overlapping one of its spans. A gap between samples wider than a few sampling periods (the
 * process was descheduled, not running) counts as only a few periods, so a busy machine cannot make a
 * short call look long.
 *
 * Consecutive samples of one owner are not proof of one call: a handler that takes most of a loaded
 * route's CPU (its framework's response code is charged to it) shows up in sample after sample across
 * many short requests. Measured on the Express fixture at 20 ms: five samples (a 122 ms "run") of the
 * healthy handler, and three runs of up to 276 ms of the leaking one, whose requests take well under a
 * millisecond. `during` (the intervals whose loop delay spiked) keeps the runs that a stalled loop
 * confirms.
 */
export function findLongTasks(samples: readonly AttributedSample[], minMs: number, during?: readonly Span[]): LongTask[] {
  const period = median(samples.map((sample) => sample.ms)) || 1;
  const minSamples = minSamplesPerRun(minMs);
  const tasks = new Map<string, LongTask>();
  let runKey: string | null = null;
  let runMs = 0;
  let runSamples = 0;
  let runSample: AttributedSample | undefined;
  let runStart = 0;
  const confirmed = (end: number): boolean => !during || during.some((span) => runStart <= span.end && end >= span.start);
  const close = (): void => {
    if (runKey !== null && runMs >= minMs && runSamples >= minSamples && runSample && confirmed(runSample.at + runSample.ms)) {
      const task = tasks.get(runKey) ?? {
        ...(runSample.owner.kind === 'own' ? { location: runSample.owner.location } : {}),
        ...(runSample.owner.kind === 'dependency' ? { dependency: runSample.owner.name } : {}),
        count: 0,
        maxMs: 0,
        totalMs: 0,
      };
      task.count++;
      task.maxMs = Math.max(task.maxMs, runMs);
      task.totalMs += runMs;
      tasks.set(runKey, task);
    }
    runKey = null;
    runMs = 0;
    runSamples = 0;
  };
  for (const sample of samples) {
    const key = keyOf(sample);
    if (key !== runKey) close();
    if (key === null) continue;
    if (runKey === null) runStart = sample.at;
    runKey = key;
    runSample = sample;
    runSamples++;
    runMs += Math.min(sample.ms, period * 3);
  }
  close();
  return [...tasks.values()].sort((a, b) => b.totalMs - a.totalMs);
}
