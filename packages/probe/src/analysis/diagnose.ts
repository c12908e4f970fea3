import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { worseTimeout, type IntervalSample, type IoAggregate } from '../protocol.js';
import { PROBE_REPORT_SCHEMA_VERSION, type OutboundFigures, type ProbeFinding, type ProbeReport } from '../report/types.js';
import type { ProbeRun } from '../runner/run.js';
import { PROBE_VERSION } from '../version.js';
import { blockingFinding, gcFinding, memoryFinding, outboundFindings } from './findings.js';
import { measurePhase, routeLabel } from './phase.js';
import { relativeTo, type ProjectCode } from './profiles.js';
import { SourceFiles } from './sources.js';
import { linearTrend, median } from './trend.js';

/** The probe's own files never count as the project's code, even when the service lives beside them. */
const PROBE_DIST = fileURLToPath(new URL('..', import.meta.url));

/**
 * An interval's figure for a dependency it only saw calls start to (none finished) says nothing about their
 * timeout: the sampler decides it when a call ends. Such a figure takes no part in the timeout, and a route with
 * no finished call to a dependency reports it unknown.
 */
function timeoutOf(io: IoAggregate): IoAggregate['timeout'] | undefined {
  return io.count > 0 ? io.timeout : undefined;
}

function outboundFigures(samples: readonly IntervalSample[], route: string, code: ProjectCode): OutboundFigures[] {
  const merged = new Map<string, IoAggregate & { decided?: IoAggregate['timeout'] }>();
  for (const sample of samples) {
    for (const io of sample.io) {
      const key = `${io.kind} ${io.target}`;
      const into = merged.get(key);
      if (!into) {
        merged.set(key, { ...io, decided: timeoutOf(io) });
        continue;
      }
      into.count += io.count;
      into.errors += io.errors;
      into.totalMs += io.totalMs;
      into.maxInFlight = Math.max(into.maxInFlight, io.maxInFlight);
      const decided = timeoutOf(io);
      if (decided) into.decided = into.decided ? worseTimeout(into.decided, decided) : decided;
      if (io.maxMs > into.maxMs) {
        into.maxMs = io.maxMs;
        into.site = io.site ?? into.site;
      }
      into.site ??= io.site;
    }
  }
  return [...merged.values()].map((io) => ({
    route,
    kind: io.kind,
    target: io.target,
    calls: io.count,
    errors: io.errors,
    meanMs: io.count ? io.totalMs / io.count : 0,
    maxMs: io.maxMs,
    maxInFlight: io.maxInFlight,
    timeout: io.decided ?? 'unknown',
    site: io.site ? reportedSite(io.site, code) : null,
  }));
}

/**
 * A call site from the sampler (`file:line:column` of the JavaScript that ran, relative to the root) as
 * the report shows it: `file:line`, in the original source when the file has a source map.
 */
function reportedSite(site: string, code: ProjectCode): string {
  const match = /^(.*):(\d+):(\d+)$/.exec(site);
  if (!match) return site;
  const [, file, line, column] = match;
  const absolute = path.resolve(code.root, file!);
  const original = code.sources.original(absolute, Number(line) - 1, Number(column) - 1);
  return original ? `${relativeTo(code.root, original.file)}:${original.line}` : `${file}:${line}`;
}

const SEVERITY_ORDER = { error: 0, warn: 1 } as const;

/** Turns what was measured into the report: figures per route, findings with what/why/fix, the timeline. */
export function diagnose(run: ProbeRun): ProbeReport {
  const code: ProjectCode = { root: run.root, excluded: [PROBE_DIST], sources: new SourceFiles() };
  const measures = run.phases.map((phase) => measurePhase(run, phase, code));
  const findings: ProbeFinding[] = [];
  for (const measure of measures) {
    const memory = memoryFinding(measure);
    for (const finding of [blockingFinding(measure), memory, gcFinding(measure, memory !== null)]) if (finding) findings.push(finding);
  }
  const outbound = measures.flatMap((measure) => outboundFigures(measure.outboundSamples, measure.label, code));
  findings.push(...outboundFindings(outbound));
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

  const loaded = measures.flatMap((measure) => measure.samples);
  const loadSeconds = measures.reduce((sum, measure) => sum + measure.loadSeconds, 0);
  const readings = run.phases.flatMap((phase) => phase.readings);
  const trend = linearTrend(readings.map((reading) => [reading.at / 60_000, reading.bytes]));
  const gcMsByKind: Record<string, number> = {};
  for (const measure of measures) for (const [kind, ms] of Object.entries(measure.gcMsByKind)) gcMsByKind[kind] = (gcMsByKind[kind] ?? 0) + ms;
  return {
    schemaVersion: PROBE_REPORT_SCHEMA_VERSION,
    tool: { name: 'strata probe', version: PROBE_VERSION },
    command: run.command,
    url: run.url,
    pid: run.pid,
    startedAt: new Date(run.startedAt).toISOString(),
    durationMs: run.endedAt - run.startedAt,
    connections: run.connections,
    attachOnly: run.attachOnly,
    verdict: findings.length ? 'problems' : 'healthy',
    summary: {
      requests: measures.reduce((sum, measure) => sum + measure.requests, 0),
      loopDelayMs: {
        p50: median(loaded.map((sample) => sample.delay.p50)),
        p99: median(loaded.map((sample) => sample.delay.p99)),
        max: Math.max(0, ...loaded.map((sample) => sample.delay.max)),
      },
      elu: loadSeconds ? measures.reduce((sum, measure) => sum + measure.figures.elu * measure.loadSeconds, 0) / loadSeconds : 0,
      gcMsPerSecond: loadSeconds ? loaded.reduce((sum, sample) => sum + sample.gc.ms, 0) / loadSeconds : 0,
      maxGcPauseMs: Math.max(0, ...loaded.map((sample) => sample.gc.maxMs)),
      gcMsByKind,
      maxRss: Math.max(0, ...run.samples.map((sample) => sample.rss)),
      postGcHeap: {
        first: readings[0]?.bytes ?? 0,
        last: readings[readings.length - 1]?.bytes ?? 0,
        bytesPerMinute: trend.slope,
        r2: trend.r2,
        samples: readings.length,
        forced: readings.filter((reading) => reading.source === 'forced').length,
      },
    },
    routes: measures.map((measure) => measure.figures),
    outbound,
    findings,
    timeline: run.samples
      .filter((sample) => sample.at >= run.startedAt)
      .map((sample) => ({
        t: sample.at - run.startedAt,
        delayP50: sample.delay.p50,
        delayP99: sample.delay.p99,
        delayMax: sample.delay.max,
        cpu: sample.cpu,
        heapUsed: sample.heapUsed,
        rss: sample.rss,
        gcMs: sample.gc.ms,
      })),
    windows: run.phases.flatMap((phase) =>
      (phase.windows.length ? phase.windows : [{ start: phase.start, end: phase.end }]).map((window) => ({ route: routeLabel(phase), start: window.start - run.startedAt, end: window.end - run.startedAt })),
    ),
    postGcReadings: readings.map((reading) => ({ t: reading.at - run.startedAt, bytes: reading.bytes, source: reading.source })),
  };
}
