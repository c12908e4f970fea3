import { describe, expect, it } from 'vitest';
import { diagnose, runProbe, type Phase } from '../src/index.js';
import type { IntervalSample } from '../src/protocol.js';
import { cpuProfileReason, heapProfileWanted, WINDOWS_PER_ROUTE } from '../src/runner/schedule.js';
import { FIXTURES } from './helpers.js';

/** One sampler interval ending at `at`, with the loop delay and GC pauses given. */
function interval(at: number, delay: { p50: number; max: number }, gcMs = 0): IntervalSample {
  return { at, delay: { ...delay, p99: delay.max }, cpu: 1, elu: 0.9, heapUsed: 0, heapTotal: 0, rss: 0, gc: { count: gcMs ? 1 : 0, ms: gcMs, maxMs: gcMs, byKind: {} }, io: [] };
}

/** Intervals every 250 ms over a window, the same figures in each. */
function over(window: { start: number; end: number }, delay: { p50: number; max: number }, gcMs = 0): IntervalSample[] {
  const samples: IntervalSample[] = [];
  for (let at = window.start + 250; at <= window.end; at += 250) samples.push(interval(at, delay, gcMs));
  return samples;
}

describe('whether a route gets a second pass under the CPU profiler', () => {
  const windows = [
    { start: 10_000, end: 11_000 },
    { start: 11_100, end: 12_100 },
    { start: 12_200, end: 13_200 },
  ];
  const calm = windows.flatMap((window) => over(window, { p50: 1, max: 30 }, 5));

  it('not for a calm loop', () => {
    expect(cpuProfileReason(calm, windows)).toBeNull();
  });

  it('for an interval of the windows whose loop stalled: a median of 10 ms, or a spike of 100 ms beyond GC', () => {
    expect(cpuProfileReason([...calm, interval(11_600, { p50: 10, max: 20 })], windows)).toBe('a stalled loop');
    expect(cpuProfileReason([...calm, interval(11_600, { p50: 1, max: 140 })], windows)).toBe('a stalled loop');
  });

  it('not for a spike the GC pauses explain, nor for a stall outside the windows (the warm-up, the gaps)', () => {
    expect(cpuProfileReason([...calm, interval(11_600, { p50: 1, max: 140 }, 60)], windows)).toBeNull();
    expect(cpuProfileReason([interval(9_800, { p50: 80, max: 300 }), ...calm, interval(13_500, { p50: 50, max: 300 })], windows)).toBeNull();
  });

  it("for GC pauses at clinic's threshold over the load and in the median window, a quarter of the busy loop", () => {
    // 240 ms of pauses a second at a utilization of 0.9: 27 % of the busy loop.
    const pressed = windows.flatMap((window) => over(window, { p50: 2, max: 40 }, 60));
    expect(cpuProfileReason(pressed, windows)).toBe('GC pressure');
    // 120 ms a second, 13 % of it: what a framework at saturation pauses by itself.
    expect(cpuProfileReason(windows.flatMap((window) => over(window, { p50: 2, max: 40 }, 30)), windows)).toBeNull();
    // One window's pauses alone are not pressure.
    const once = [...over(windows[0]!, { p50: 2, max: 40 }, 120), ...over(windows[1]!, { p50: 1, max: 20 }, 2), ...over(windows[2]!, { p50: 1, max: 20 }, 2)];
    expect(cpuProfileReason(once, windows)).toBeNull();
  });
});

describe('whether the heap profile is read at the end of a route', () => {
  const windows = [0, 1, 2].map((i) => ({ start: 10_000 + i * 1100, end: 11_000 + i * 1100, requests: 1000 }));
  const route = (bytes: number[]): Parameters<typeof heapProfileWanted>[0] => ({
    windows,
    readings: bytes.map((value, i) => ({ at: windows[i]!.start + 500, bytes: value, source: 'service' as const, window: i })),
    start: 10_000,
    end: 13_200,
  });

  it('when the post-GC heap rose in every window by a leak-sized amount', () => {
    expect(heapProfileWanted(route([20e6, 40e6, 60e6]))).toBe(true);
  });

  it('not when it stayed flat, rose by less than the threshold, or jumped once', () => {
    expect(heapProfileWanted(route([20e6, 20.5e6, 20.2e6]))).toBe(false);
    expect(heapProfileWanted(route([20e6, 21e6, 22e6]))).toBe(false);
    expect(heapProfileWanted(route([20e6, 60e6, 60e6]))).toBe(false);
  });
});

/** The CPU profile's sample times on the windows' wall clock: its timestamps are the service's monotonic clock. */
function sampleTimes(phase: Phase): number[] {
  const { cpuProfile: profile, profileClock: clock } = phase;
  const wall = (monotonicUs: number): number => clock!.wallMs + (monotonicUs - clock!.monotonicUs) / 1000;
  let at = profile!.startTime;
  return profile!.timeDeltas.map((delta) => wall((at += delta)));
}

describe("the profilers' schedule in a run", () => {
  it('profiles the CPU of a blocking route in a second pass, reads the heap of a leaking one, and neither for a calm one', async () => {
    const run = await runProbe({
      command: [process.execPath, 'express-service.mjs'],
      cwd: FIXTURES,
      env: process.env,
      routes: ['/healthy', '/blocking', '/leak'].map((path) => ({ method: 'GET', path })),
      connections: 4,
      durationMs: 1500,
      attachOnly: false,
      startupTimeoutMs: 20_000,
    });
    const [healthy, blocking, leak] = run.phases;
    // The calm route runs one pass without the CPU profiler, unless the machine stalled its loop there (a
    // crowded machine can): then the sampler's intervals of its windows show it.
    const healthyReason = cpuProfileReason(run.samples, healthy!.windows.slice(0, WINDOWS_PER_ROUTE));
    expect(healthy!.profiledFor).toBe(healthyReason);
    expect(healthy!.windows).toHaveLength(healthyReason ? 2 * WINDOWS_PER_ROUTE : WINDOWS_PER_ROUTE);
    if (!healthyReason) expect(healthy!.cpuProfile).toBeNull();
    expect(healthy!.heapProfile).toBeNull();

    // The blocking route: a second pass of windows under the CPU profiler, which covers them and none of the first.
    expect(blocking!.profiledFor).toBe('a stalled loop');
    expect(blocking!.windows).toHaveLength(2 * WINDOWS_PER_ROUTE);
    expect(blocking!.profiledFrom).toBe(WINDOWS_PER_ROUTE);
    const times = sampleTimes(blocking!);
    const firstPassEnd = blocking!.windows[WINDOWS_PER_ROUTE - 1]!.end;
    // A few ms for mapping one process's clock onto the other's.
    expect(times.filter((time) => time < firstPassEnd - 5)).toEqual([]);
    for (const window of blocking!.windows.slice(WINDOWS_PER_ROUTE)) expect(times.some((time) => time >= window.start && time <= window.end)).toBe(true);

    expect(leak!.heapProfile).not.toBeNull();

    const report = diagnose(run);
    expect(report.findings.find((finding) => finding.kind === 'event-loop-blocking')?.culprit, JSON.stringify(report.findings)).toEqual({ function: 'countPrimesBlocking', file: 'workloads.mjs', line: 10 });
    expect(report.findings.find((finding) => finding.kind === 'memory-growth')?.culprit, JSON.stringify(report.findings)).toEqual({ function: 'rememberRequest', file: 'workloads.mjs', line: 29 });
    expect(report.findings.filter((finding) => finding.route === 'GET /healthy')).toEqual([]);
    const healthyFigures = report.routes.find((route) => route.route === 'GET /healthy')!;
    expect(healthyFigures.heapProfiled).toBe(false);
    if (!healthyReason) expect(healthyFigures.topFunctions).toEqual([]);
  }, 90_000);
});
