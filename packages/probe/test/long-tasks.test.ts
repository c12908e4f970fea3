import { describe, expect, it } from 'vitest';
import type { AttributedSample } from '../src/analysis/cpu.js';
import { findLongTasks, minSamplesPerRun } from '../src/analysis/long-tasks.js';
import { CPU_SAMPLING_INTERVAL_US } from '../src/protocol.js';

const PERIOD_MS = CPU_SAMPLING_INTERVAL_US / 1000;
const handler = { name: 'handler', file: 'app.mjs', line: 3 };

/** `count` consecutive samples of the handler from `at`, then one idle sample that ends the run. */
function run(at: number, count: number): AttributedSample[] {
  const samples: AttributedSample[] = Array.from({ length: count }, (_, i) => ({ owner: { kind: 'own', location: handler }, ms: PERIOD_MS, at: at + i * PERIOD_MS }));
  samples.push({ owner: { kind: 'idle' }, ms: PERIOD_MS, at: at + count * PERIOD_MS });
  return samples;
}

describe('long tasks in the CPU profile', () => {
  it('need the samples that 100 ms takes at the sampling period', () => {
    expect(minSamplesPerRun(100)).toBe(Math.ceil(100 / PERIOD_MS));
    const enough = minSamplesPerRun(100);
    expect(findLongTasks([...run(0, enough), ...run(1000, enough - 1)], 100).map((task) => [task.count, task.maxMs])).toEqual([[1, enough * PERIOD_MS]]);
  });

  it('count only the runs that overlap an interval whose loop delay spiked, when those are given', () => {
    // Two runs of the same length, one at 0 ms and one at 2,000 ms; the loop stalled around the second only.
    const samples = [...run(0, 8), ...run(2000, 8)];
    expect(findLongTasks(samples, 100).map((task) => task.count)).toEqual([2]);
    expect(findLongTasks(samples, 100, [{ start: 1900, end: 2300 }]).map((task) => task.count)).toEqual([1]);
    expect(findLongTasks(samples, 100, [{ start: 5000, end: 5400 }])).toEqual([]);
    expect(findLongTasks(samples, 100, [])).toEqual([]);
  });
});
