import { OR_INLINED_CALLEE } from '../analysis/inlining.js';
import { PLANNED_RULES, type LinkedRule } from '../analysis/static-rules.js';
import { formatBytes, formatMs } from '../units.js';
import type { ProbeFinding, ProbeReport, RouteFigures } from './types.js';

/** The route table every text format shares: header and one row per route. */
export function routeRows(report: ProbeReport): string[][] {
  const header = ['route', 'requests', 'req/s', 'latency p50', 'p99', 'loop delay p50', 'max', 'ELU', 'GC ms/s', 'post-GC heap'];
  const row = (route: RouteFigures): string[] => [
    route.route,
    String(route.requests),
    route.rps.toFixed(0),
    formatMs(route.latencyMs.p50),
    formatMs(route.latencyMs.p99),
    formatMs(route.loopDelayMs.p50),
    formatMs(route.loopDelayMs.max),
    route.elu.toFixed(2),
    route.gcMsPerSecond.toFixed(0),
    route.postGcHeap.length ? `${formatBytes(route.postGcHeap[0]!)} → ${formatBytes(route.postGcHeap[route.postGcHeap.length - 1]!)}` : '',
  ];
  return [header, ...report.routes.map(row)];
}

export function outboundRows(report: ProbeReport): string[][] {
  const header = ['route under load', 'call', 'calls', 'mean', 'max', 'failed', 'max in flight', 'timeout', 'called from'];
  return [header, ...report.outbound.map((o) => [o.route, `${o.kind} ${o.target}`, String(o.calls), formatMs(o.meanMs), formatMs(o.maxMs), String(o.errors), String(o.maxInFlight), o.timeout, o.site ?? ''])];
}

/** One line with the run's figures: what "nothing to fix" rests on. */
export function summaryLine(report: ProbeReport): string {
  const s = report.summary;
  const heap = s.postGcHeap;
  return (
    `${s.requests} requests; event-loop delay median ${formatMs(s.loopDelayMs.p50)}, p99 ${formatMs(s.loopDelayMs.p99)}, max ${formatMs(s.loopDelayMs.max)}; ` +
    `ELU ${s.elu.toFixed(2)}; GC ${s.gcMsPerSecond.toFixed(0)} ms/s (longest pause ${formatMs(s.maxGcPauseMs)}); ` +
    `post-GC heap ${formatBytes(heap.first)} → ${formatBytes(heap.last)} over ${heap.samples} full collections (${heap.forced} forced by the probe); peak RSS ${formatBytes(s.maxRss)}`
  );
}

export function headline(report: ProbeReport): string {
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  if (report.verdict === 'healthy') return 'Nothing to fix: no blocking, no memory growth, no GC pressure, no slow or unguarded outbound calls.';
  return `${report.findings.length} problem${report.findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${report.findings.length - errors} warning${report.findings.length - errors === 1 ? '' : 's'})`;
}

export function culpritText(finding: ProbeFinding): string | null {
  if (!finding.culprit) return null;
  const { function: name, file, line, orInlinedCallee } = finding.culprit;
  return `${name} at ${file}:${line}${orInlinedCallee ? `, ${OR_INLINED_CALLEE}` : ''}`;
}

export function ruleText(finding: ProbeFinding): string {
  if (!finding.rule) return 'no static rule sees this in source: only a measurement does';
  if (PLANNED_RULES.has(finding.rule as LinkedRule)) return `static rule: ${finding.rule} (in the rules catalogue; strata review does not check it yet)`;
  return `static rule: ${finding.rule} (strata review catches the cause in source)`;
}

/** Column-aligned plain text table. */
export function alignTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
}
