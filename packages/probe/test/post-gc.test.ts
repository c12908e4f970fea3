import { beforeAll, describe, expect, it } from 'vitest';
import { memoryFinding } from '../src/analysis/findings.js';
import { heapTrend } from '../src/analysis/heap-trend.js';
import type { PhaseMeasure } from '../src/analysis/phase.js';
import { diagnose, ProbeError, runProbe, type ProbeReport } from '../src/index.js';
import type { Phase, PhaseReading } from '../src/runner/run.js';
import { FIXTURES } from './helpers.js';

const MB = 1024 * 1024;

/** Three 1 s load windows of 1,000 requests each, and the post-GC readings taken in them. */
function phaseWith(readings: Array<[window: number, offsetMs: number, mb: number, source?: 'service' | 'forced']>): Phase {
  const windows = [0, 1, 2].map((i) => ({ start: i * 1100, end: i * 1100 + 1000, requests: 1000 }));
  return {
    start: 0,
    end: 3300,
    windows,
    readings: readings.map(([window, offsetMs, mb, source = 'service']): PhaseReading => ({ window, at: window * 1100 + offsetMs, bytes: mb * MB, source })),
    // Read at the route's end: the runner reads it when the readings grow (runner/schedule.ts).
    heapProfile: { head: { callFrame: {}, selfSize: 0, id: 1, children: [] }, samples: [] },
  } as unknown as Phase;
}

/**
 * What memoryFinding reads of a route's measure. `retainedMb`: what the sampling heap profile still held
 * after a full collection at the route's end (a leak of 6 KB per request over the route's 3,000 requests
 * leaves 18 MB there, and its warm-up more).
 */
function measureOf(phase: Phase, retainedMb = 20): PhaseMeasure {
  return { label: 'GET /x', phase, requests: 3000, gcMsPerSecond: 0, heap: { retainedBytes: retainedMb * MB, functions: [] }, heapTrend: heapTrend(phase) } as unknown as PhaseMeasure;
}

describe('memory growth from post-GC readings', () => {
  it("finds a leak in the readings of the service's own full collections, several per window, with their noise", () => {
    // About 6 MB per window (6 KB per request), the readings a megabyte or so off the line: garbage that
    // fell dead while the collection was marking survives it.
    const phase = phaseWith([
      [0, 200, 20.4], [0, 500, 23.5], [0, 900, 25.6],
      [1, 100, 26.8], [1, 450, 29.1], [1, 800, 31.0],
      [2, 150, 32.9], [2, 600, 36.1], [2, 950, 38.0],
    ]);
    const finding = memoryFinding(measureOf(phase))!;
    expect(finding.kind).toBe('memory-growth');
    expect(finding.confidence).toBe('high');
    expect(finding.evidence[0]).toMatch(/^post-GC heap, the median of each load window's readings: 23\.5 MB → 29\.1 MB → 36\.1 MB \(9 readings: 9 after the service's own full collections under load\); the line through them grows 18\.\d MB over 3000 requests \(6\.\d KB per request, r² (0\.9\d|1\.00)\)$/);
  });

  it('finds it from forced readings alone, one after each window (a service that collects nothing itself)', () => {
    const trend = heapTrend(phaseWith([[0, 1050, 20, 'forced'], [1, 1050, 26, 'forced'], [2, 1050, 32, 'forced']]))!;
    expect(trend.forced).toBe(3);
    expect(trend.slope * 1000).toBeCloseTo(6 * MB);
    expect(memoryFinding(measureOf(phaseWith([[0, 1050, 20, 'forced'], [1, 1050, 26, 'forced'], [2, 1050, 32, 'forced']])))!.evidence[0]).toContain('(3 readings: 0 after the service\'s own full collections under load, 3 forced where a window had none)');
  });

  it('reports nothing for a steady heap whose readings carry floating garbage, however high one reading goes', () => {
    const phase = phaseWith([
      [0, 200, 20.1], [0, 600, 25.9], [0, 900, 20.3],
      [1, 300, 20.2], [1, 700, 26.4],
      [2, 100, 20.4], [2, 500, 20.2], [2, 900, 27.0],
    ]);
    expect(memoryFinding(measureOf(phase))).toBeNull();
  });

  it('needs growth in every window: one window that jumped is not a trend', () => {
    // A cache filled once in the last window: the line grows past the threshold, the windows before did not.
    expect(memoryFinding(measureOf(phaseWith([[0, 500, 20], [1, 500, 20.1], [2, 500, 31]])))).toBeNull();
    expect(memoryFinding(measureOf(phaseWith([[0, 500, 20], [1, 500, 30], [2, 500, 29.5]])))).toBeNull();
  });

  it('needs the sampling heap profile to hold what the line predicts: readings that rose by chance are not a leak', () => {
    // A route that allocates megabytes per request and keeps nothing: one or two readings per window, each
    // carrying whatever the requests in flight held when the collection ran, happen to rise.
    const rising = phaseWith([[0, 400, 36], [0, 900, 58], [1, 500, 45], [1, 900, 63], [2, 300, 47], [2, 800, 77]]);
    expect(memoryFinding(measureOf(rising, 0))).toBeNull();
    expect(memoryFinding(measureOf(rising, 0.5))).toBeNull();
    expect(memoryFinding(measureOf(rising, 12))).toBeNull();
    // The same readings with the profile holding what a leak of that rate leaves: a finding that says so.
    const finding = memoryFinding(measureOf(rising, 40))!;
    expect(finding.kind).toBe('memory-growth');
    expect(finding.evidence[1]).toMatch(/^sampling heap profile: 40\.0 MB allocated up to the route's end still alive after a full collection, where the line predicts at least \d+\.\d MB$/);
  });

  it('has no trend without a reading in every window', () => {
    expect(heapTrend(phaseWith([[0, 500, 20], [2, 500, 40]]))).toBeNull();
    expect(memoryFinding(measureOf(phaseWith([[0, 500, 20], [1, 500, 40]])))).toBeNull();
  });
});

async function probeGcService(routes: string[], env: NodeJS.ProcessEnv = {}) {
  // A container-sized heap: the old generation's limit stays low, so /churn's garbage brings full
  // collections of the service's own within each window even on a crowded machine.
  return runProbe({
    command: [process.execPath, '--max-old-space-size=48', 'gc-service.mjs'],
    cwd: FIXTURES,
    env: { ...process.env, ...env },
    routes: routes.map((path) => ({ method: 'GET', path })),
    connections: 4,
    durationMs: 3000,
    attachOnly: false,
    startupTimeoutMs: 20_000,
  });
}

const bySource = (readings: PhaseReading[], window: number) => readings.filter((reading) => reading.window === window).map((reading) => reading.source);

describe("post-GC readings from the service's own collections, forced only where it ran none", () => {
  let report: ProbeReport;
  let run: Awaited<ReturnType<typeof probeGcService>>;
  beforeAll(async () => {
    // /quiet first. After /churn, Node 24 (V8 13) keeps the young generation /churn grew (64 MB committed)
    // and, under this heap limit, runs full collections of its own on /quiet too: about 80 a second, with the
    // probe or without it, none with --max-semi-space-size=16; Node 20 and 22 ran at most one in 3 s there.
    // Its readings are then all the service's own, rightly: there is nothing to force.
    run = await probeGcService(['/quiet', '/churn']);
    report = diagnose(run);
  }, 60_000);

  it('reads them after its own full collections under load, and forces one after each window with none', () => {
    const [quiet, churn] = run.phases;
    // /churn collects on its own in every window: no forced collection after windows 2 and 3 (the first
    // may need one for the heap profile, when its own came before the window's second half).
    for (const window of [1, 2]) {
      expect(bySource(churn!.readings, window), JSON.stringify(churn!.readings)).not.toContain('forced');
      expect(bySource(churn!.readings, window).length).toBeGreaterThan(0);
    }
    // /quiet allocates next to nothing: a window without a collection of its own gets exactly one forced.
    for (const window of [0, 1, 2]) {
      const sources = bySource(quiet!.readings, window);
      if (!sources.includes('service')) expect(sources).toEqual(['forced']);
    }
    expect(quiet!.readings.some((reading) => reading.source === 'forced')).toBe(true);
    // And never one after a window in which the service collected on its own, on either route.
    for (const phase of run.phases) {
      for (let window = 0; window < phase.windows.length; window++) {
        const sources = bySource(phase.readings, window);
        if (sources.includes('service')) expect(sources, `${phase.route!.path} window ${window}`).not.toContain('forced');
      }
    }
    expect(report.summary.postGcHeap.forced).toBe(run.phases.flatMap((phase) => phase.readings).filter((reading) => reading.source === 'forced').length);
    expect(report.routes.map((route) => route.forcedCollections)).toEqual(run.phases.map((phase) => phase.readings.filter((reading) => reading.source === 'forced').length));
    expect(new Set(report.postGcReadings.map((reading) => reading.source))).toEqual(new Set(['service', 'forced']));
  });

  it('and takes neither for memory growth: garbage that a full collection of its own leaves floating, or a flat heap', () => {
    expect(report.findings.filter((finding) => finding.kind === 'memory-growth')).toEqual([]);
  });
});

describe('a service that exits between or during the windows', () => {
  it('ends the run with SERVICE_CRASHED and its exit code, wherever the probe was', async () => {
    const failure: unknown = await probeGcService(['/quiet'], { EXIT_AFTER_MS: '1200' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ProbeError);
    expect((failure as ProbeError).code).toBe('SERVICE_CRASHED');
    expect((failure as ProbeError).message).toMatch(/^the service exited with code 4 while it was being measured/);
  }, 60_000);
});
