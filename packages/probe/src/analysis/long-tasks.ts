import type { AttributedSample } from './cpu.js';
import { locationKey, type CodeLocation } from './profiles.js';
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
 * A run needs this many samples: on a crowded machine a process that gets the CPU only now and then
 * can show the same short function in a few consecutive samples without running it for long.
 */
const MIN_SAMPLES_PER_RUN = 10;

/**
 * Runs of consecutive samples charged to the same owner, at least `minMs` long. A gap between samples
 * wider than a few sampling periods (the process was descheduled, not running) counts as only a few
 * periods, so a busy machine cannot make a short call look long.
 */
export function findLongTasks(samples: readonly AttributedSample[], minMs: number): LongTask[] {
  const period = median(samples.map((sample) => sample.ms)) || 1;
  const tasks = new Map<string, LongTask>();
  let runKey: string | null = null;
  let runMs = 0;
  let runSamples = 0;
  let runSample: AttributedSample | undefined;
  const close = (): void => {
    if (runKey !== null && runMs >= minMs && runSamples >= MIN_SAMPLES_PER_RUN && runSample) {
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
    runKey = key;
    runSample = sample;
    runSamples++;
    runMs += Math.min(sample.ms, period * 3);
  }
  close();
  return [...tasks.values()].sort((a, b) => b.totalMs - a.totalMs);
}
