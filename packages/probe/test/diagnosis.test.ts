import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, formatProbeReport, runProbe, type ProbeReport } from '../src/index.js';
import { FIXTURES, slowUpstream } from './helpers.js';

// Real services, real load over loopback. The workloads are chosen to be unmistakable on a busy
// two-core machine, and nothing here depends on a wall-clock figure.
const WORKLOAD_ROUTES = ['/healthy', '/blocking', '/leak', '/alloc'];

function kindsOn(report: ProbeReport, route: string): string[] {
  return report.findings.filter((finding) => finding.route === route).map((finding) => finding.kind);
}

function findingOn(report: ProbeReport, route: string, kind: string) {
  return report.findings.find((finding) => finding.route === route && finding.kind === kind);
}

async function probe(service: string, routes: string[], env: NodeJS.ProcessEnv = {}): Promise<ProbeReport> {
  const run = await runProbe({
    command: [process.execPath, service],
    cwd: FIXTURES,
    env: { ...process.env, ...env },
    routes: routes.map((path) => ({ method: 'GET', path })),
    connections: 4,
    durationMs: 1500,
    attachOnly: false,
    startupTimeoutMs: 20_000,
  });
  return diagnose(run);
}

function expectWorkloadDiagnosis(report: ProbeReport): void {
  expect(kindsOn(report, 'GET /healthy')).toEqual([]);

  expect(kindsOn(report, 'GET /blocking')).toEqual(['event-loop-blocking']);
  const blocking = findingOn(report, 'GET /blocking', 'event-loop-blocking')!;
  expect(blocking.culprit).toEqual({ function: 'countPrimesBlocking', file: 'workloads.mjs', line: 10 });
  // Pure computation: no static rule sees it (long-work-in-request looks for e-mail, PDF, image and export calls).
  expect(blocking.rule).toBeNull();

  expect(kindsOn(report, 'GET /leak')).toEqual(['memory-growth']);
  const leak = findingOn(report, 'GET /leak', 'memory-growth')!;
  expect(leak.culprit, leak.evidence.join('\n')).toEqual({ function: 'rememberRequest', file: 'workloads.mjs', line: 29 });
  expect(leak.rule).toBe('stateful-process');
  // A trend over post-GC readings in every window, never one sample.
  const leakRoute = report.routes.find((route) => route.route === 'GET /leak')!;
  expect(leakRoute.postGcHeap.length).toBeGreaterThanOrEqual(3);
  // Three windows, or six when the first pass also stalled the loop (a growing heap's collections can).
  expect(leak.evidence[0]).toMatch(/^post-GC heap, the median of each load window's readings: [\d.]+ \w?B( → [\d.]+ \w?B){2,5} \(\d+ readings: /);

  expect(kindsOn(report, 'GET /alloc')).toEqual(['gc-pressure']);
  expect(findingOn(report, 'GET /alloc', 'gc-pressure')!.culprit).toEqual({ function: 'buildScratchReport', file: 'workloads.mjs', line: 44 });
}

describe('strata probe on an Express service', () => {
  let report: ProbeReport;
  let upstream: Awaited<ReturnType<typeof slowUpstream>>;
  beforeAll(async () => {
    upstream = await slowUpstream(700);
    report = await probe('express-service.mjs', [...WORKLOAD_ROUTES, '/outbound', '/outbound-fetch'], { UPSTREAM_URL: upstream.url });
  }, 120_000);
  afterAll(() => upstream?.close());

  it('names the blocking, leaking and allocating functions, and nothing on the healthy route', () => {
    expectWorkloadDiagnosis(report);
  });

  it('reports the slow outbound call without a timeout, with its call site', () => {
    const slow = report.findings.find((finding) => finding.kind === 'slow-outbound' && finding.route === 'GET /outbound')!;
    expect(slow.rule).toBe('outbound-call-without-timeout');
    expect(slow.what).toContain('express-service.mjs:');
    const call = report.outbound.find((entry) => entry.kind === 'http')!;
    expect(call.timeout).toBe('none');
    expect(call.calls).toBeGreaterThan(0);
  });

  it("times fetch() calls through undici's diagnostics channels; their timeout is unknown (an AbortSignal is invisible)", () => {
    const call = report.outbound.find((entry) => entry.kind === 'fetch');
    expect(call, JSON.stringify(report.outbound)).toBeDefined();
    expect(call!.route).toBe('GET /outbound-fetch');
    expect(call!.target).toBe(new URL(upstream.url).host);
    expect(call!.calls).toBeGreaterThan(0);
    expect(call!.meanMs).toBeGreaterThanOrEqual(600);
    expect(call!.timeout).toBe('unknown');
    const slow = report.findings.find((finding) => finding.kind === 'slow-outbound' && finding.route === 'GET /outbound-fetch')!;
    expect(slow.what).toBe(`slow calls to fetch ${call!.target}`);
    expect(slow.severity).toBe('warn');
    expect(slow.rule).toBe('outbound-call-without-timeout');
  });

  it('docs/probe.md documents every field of the JSON report', () => {
    const doc = readFileSync(new URL('../../../docs/probe.md', import.meta.url), 'utf8');
    const keys = new Set<string>();
    const collect = (value: unknown, inRecord: boolean): void => {
      if (Array.isArray(value)) value.forEach((item) => collect(item, false));
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          // Keys of open records (GC kinds, dependency names) are data, not fields.
          if (!inRecord) keys.add(key);
          collect(child, key === 'gcMsByKind');
        }
      }
    };
    collect(JSON.parse(formatProbeReport(report, 'json')), false);
    const missing = [...keys].filter((key) => !doc.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });

  it('renders JSON with its schema version, markdown, and a self-contained HTML page with charts', () => {
    const json = JSON.parse(formatProbeReport(report, 'json')) as ProbeReport;
    expect(json.schemaVersion).toBe(2);
    expect(json.timeline.length).toBeGreaterThan(10);
    expect(formatProbeReport(report, 'markdown')).toContain('countPrimesBlocking at workloads.mjs:10');
    const html = formatProbeReport(report, 'html');
    expect(html.match(/<svg /g)).toHaveLength(3);
    // Nothing fetched: no script, no stylesheet link, no image or frame source.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=/i);
    expect(formatProbeReport(report, 'text')).toContain('rememberRequest at workloads.mjs:29');
  });
});

describe('strata probe on a Fastify service', () => {
  it('names the same problems and functions', async () => {
    expectWorkloadDiagnosis(await probe('fastify-service.mjs', WORKLOAD_ROUTES));
  }, 120_000);
});

describe('strata probe --attach-only', () => {
  it('measures while someone else drives the load, and names what blocked', async () => {
    let url: string | undefined;
    let measured = false;
    const driving = (async () => {
      while (!url) await new Promise((resolve) => setTimeout(resolve, 50));
      // Two clients in a loop until the probe is done: the load a developer would drive with curl.
      const client = async (): Promise<void> => {
        while (!measured) await fetch(`${url}/blocking`).then((response) => response.arrayBuffer(), () => undefined);
      };
      await Promise.all([client(), client()]);
    })();
    const run = await runProbe({
      command: [process.execPath, 'express-service.mjs'],
      cwd: FIXTURES,
      env: process.env,
      routes: [],
      connections: 1,
      durationMs: 3000,
      attachOnly: true,
      startupTimeoutMs: 20_000,
      onProgress: (message) => (url ??= /measuring at (\S+)/.exec(message)?.[1]),
    });
    measured = true;
    await driving;
    const report = diagnose(run);
    expect(report.attachOnly).toBe(true);
    const blocking = report.findings.find((finding) => finding.kind === 'event-loop-blocking');
    expect(blocking, JSON.stringify({ findings: report.findings, routes: report.routes })).toBeDefined();
    expect(blocking!.route).toBe('external load');
    expect(blocking!.culprit?.function).toBe('countPrimesBlocking');
  }, 60_000);
});

describe('strata probe on a healthy service', () => {
  it('says there is nothing to fix, with its figures', async () => {
    const report = await probe('express-service.mjs', ['/healthy']);
    expect(report.verdict, JSON.stringify(report.findings)).toBe('healthy');
    expect(report.findings).toEqual([]);
    expect(report.summary.requests).toBeGreaterThan(0);
    expect(formatProbeReport(report, 'text')).toMatch(/Nothing to fix[\s\S]*requests; event-loop delay median/);
  }, 60_000);
});
