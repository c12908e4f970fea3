import { describe, expect, it } from 'vitest';
import { diagnose, runProbe, type Phase } from '../src/index.js';
import type { IntervalSample } from '../src/protocol.js';
import { profileWholeRoute, warmUpMsFor, WINDOWS_PER_ROUTE } from '../src/runner/schedule.js';
import { FIXTURES } from './helpers.js';

/** One sampler interval ending at `at`, with the loop delay given. */
function interval(at: number, delay: { p50: number; max: number }, gcMs = 0): IntervalSample {
  return { at, delay: { ...delay, p99: delay.max }, cpu: 1, heapUsed: 0, heapTotal: 0, rss: 0, gc: { count: gcMs ? 1 : 0, ms: gcMs, maxMs: gcMs, byKind: {} }, io: [] };
}

describe('whether the CPU profile goes on past the first window', () => {
  const span = { start: 10_000, end: 11_000 };
  const calm = [interval(10_250, { p50: 1, max: 12 }), interval(10_500, { p50: 0, max: 30 }), interval(10_750, { p50: 2, max: 40 })];

  it('stops on a calm loop, and goes on where an interval of the profiled part stalled', () => {
    expect(profileWholeRoute(calm, span)).toBe(false);
    expect(profileWholeRoute([...calm, interval(11_000, { p50: 10, max: 20 })], span)).toBe(true);
    expect(profileWholeRoute([...calm, interval(11_000, { p50: 1, max: 140 })], span)).toBe(true);
  });

  it('leaves out a spike the GC pauses explain, and intervals outside the profiled part', () => {
    expect(profileWholeRoute([...calm, interval(11_000, { p50: 1, max: 140 }, 60)], span)).toBe(false);
    // The interval that holds the profiler's own start, before the warm-up, and one after the first window.
    expect(profileWholeRoute([interval(10_100, { p50: 80, max: 150 }), ...calm, interval(11_300, { p50: 50, max: 300 })], span)).toBe(false);
  });
});

/** The profile's sample times on the windows' wall clock: its timestamps are the service's monotonic clock. */
function sampleTimes(phase: Phase): { first: number; last: number; times: number[] } {
  const { cpuProfile: profile, profileClock: clock } = phase;
  const wall = (monotonicUs: number): number => clock.wallMs + (monotonicUs - clock.monotonicUs) / 1000;
  let at = profile.startTime;
  return { first: wall(profile.startTime), last: wall(profile.endTime), times: profile.timeDeltas.map((delta) => wall((at += delta))) };
}

describe("the CPU profiler's schedule in a run", () => {
  it('covers the warm-up and the first window of a calm route, every window of a blocking one, and names the blocking function', async () => {
    const durationMs = 1500;
    const run = await runProbe({
      command: [process.execPath, 'express-service.mjs'],
      cwd: FIXTURES,
      env: process.env,
      routes: ['/healthy', '/blocking'].map((path) => ({ method: 'GET', path })),
      connections: 4,
      durationMs,
      attachOnly: false,
      startupTimeoutMs: 20_000,
    });
    // A few ms for mapping one process's clock onto the other's.
    const slackMs = 5;
    for (const phase of run.phases) {
      expect(phase.windows).toHaveLength(WINDOWS_PER_ROUTE);
      const { first, last, times } = sampleTimes(phase);
      const lastProfiled = phase.windows[phase.profiledWindows - 1]!;
      expect(first).toBeLessThan(phase.windows[0]!.start);
      expect(times.some((time) => time < phase.windows[0]!.start)).toBe(true);
      expect(times.some((time) => time >= phase.windows[0]!.start && time <= phase.windows[0]!.end)).toBe(true);
      expect(last).toBeGreaterThanOrEqual(lastProfiled.end - slackMs);
      const firstUnprofiled = phase.windows[phase.profiledWindows];
      if (firstUnprofiled) {
        expect(last).toBeLessThanOrEqual(firstUnprofiled.start + slackMs);
        expect(times.filter((time) => time > firstUnprofiled.start + slackMs)).toEqual([]);
      }
    }
    const [healthy, blocking] = run.phases;
    // The calm route stops after the first window, unless the machine stalled its loop there (a crowded
    // machine can): then the sampler's intervals of that part show it. The span starts early enough to
    // take in the warm-up's intervals; intervals that arrived after the decision can only add to them.
    // The first window: what bench/README.md's overhead figures since 2026-12-01 were measured with.
    const healthySpan = { start: healthy!.windows[0]!.start - warmUpMsFor(durationMs / WINDOWS_PER_ROUTE) - 100, end: healthy!.windows[0]!.end };
    expect(healthy!.profiledWindows === 1 || profileWholeRoute(run.samples, healthySpan)).toBe(true);
    expect(blocking!.profiledWindows).toBe(WINDOWS_PER_ROUTE);

    const report = diagnose(run);
    const finding = report.findings.find((candidate) => candidate.kind === 'event-loop-blocking');
    expect(finding?.culprit, JSON.stringify(report.findings)).toEqual({ function: 'countPrimesBlocking', file: 'workloads.mjs', line: 10 });
    expect(report.findings.filter((candidate) => candidate.route === 'GET /healthy')).toEqual([]);
  }, 60_000);
});
