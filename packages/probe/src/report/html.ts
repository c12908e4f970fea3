import { DELAY_MEDIAN_MS } from '../analysis/findings.js';
import { formatBytes, formatMs } from '../units.js';
import { culpritText, headline, outboundRows, routeRows, ruleText, summaryLine } from './figures.js';
import { escapeXml, svgChart } from './svg-chart.js';
import type { ProbeReport } from './types.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:940px;color:#1f2328}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}code{background:#f3f4f6;padding:1px 4px;border-radius:3px}
.finding{border-left:4px solid #d97706;padding:4px 12px;margin:12px 0}.finding.error{border-color:#dc2626}
.healthy{color:#15803d;font-weight:600}table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #e5e7eb;text-align:right}
td:first-child,th:first-child{text-align:left}svg{width:100%;height:auto;margin:8px 0}
.title{font-weight:600;font-size:13px}.axis{font-size:11px;fill:#57606a}.grid{stroke:#eef0f2}.threshold{stroke:#dc2626;stroke-dasharray:4 3}
.band0{fill:#eff6ff}.band1{fill:#f5f3ff}.band-label{font-size:10px;fill:#6b7280}`;

function table(rows: string[][]): string {
  const [header, ...body] = rows;
  return `<table><tr>${header!.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>${body.map((row) => `<tr>${row.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** One self-contained page: findings, then loop delay, heap and GC over time as inline SVG. */
export function htmlReport(report: ProbeReport): string {
  const xMax = Math.max(...report.timeline.map((point) => point.t), ...report.windows.map((w) => w.end), 1);
  const bands = report.windows.map((window) => ({ start: window.start, end: window.end, label: window.route }));
  const at = (pick: (p: ProbeReport['timeline'][number]) => number): Array<[number, number]> => report.timeline.map((point) => [point.t, pick(point)]);
  const charts = [
    svgChart({
      title: 'Event-loop delay (ms)',
      format: (v) => `${v.toFixed(v < 10 ? 1 : 0)}`,
      series: [
        { name: 'p50', color: '#2563eb', points: at((p) => p.delayP50), style: 'line' },
        { name: 'p99', color: '#9333ea', points: at((p) => p.delayP99), style: 'line' },
        { name: 'max', color: '#dc2626', points: at((p) => p.delayMax), style: 'line' },
      ],
      bands,
      thresholds: [{ value: DELAY_MEDIAN_MS, label: `median threshold ${DELAY_MEDIAN_MS} ms` }],
      xMax,
    }),
    svgChart({
      title: 'Memory',
      format: (v) => formatBytes(v),
      series: [
        { name: 'heap used', color: '#2563eb', points: at((p) => p.heapUsed), style: 'line' },
        { name: 'RSS', color: '#9ca3af', points: at((p) => p.rss), style: 'line' },
        { name: 'post-GC heap', color: '#dc2626', points: report.postGcReadings.map((reading) => [reading.t, reading.bytes]), style: 'dots' },
      ],
      bands,
      xMax,
    }),
    svgChart({
      title: 'GC pause time per interval (ms)',
      format: (v) => v.toFixed(0),
      series: [{ name: 'GC', color: '#d97706', points: at((p) => p.gcMs), style: 'bars' }],
      bands,
      xMax,
    }),
  ];
  const findings = report.findings.map((finding) => {
    const culprit = culpritText(finding);
    return `<div class="finding ${finding.severity}"><h3>${escapeXml(finding.what)}</h3><p><em>${escapeXml(`${finding.kind}, ${finding.confidence} confidence`)}</em></p>
${culprit ? `<p><b>Where:</b> <code>${escapeXml(culprit)}</code></p>` : ''}<p><b>Why:</b> ${escapeXml(finding.why)}</p><p><b>Fix:</b> ${escapeXml(finding.fix)}</p>
<ul>${finding.evidence.map((e) => `<li>${escapeXml(e)}</li>`).join('')}</ul><p>${escapeXml(ruleText(finding))}</p></div>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>strata probe: ${escapeXml(report.command.join(' '))}</title><style>${STYLE}</style></head>
<body><h1>strata probe: <code>${escapeXml(report.command.join(' '))}</code></h1>
<p>pid ${report.pid} at ${escapeXml(report.url)}, ${report.attachOnly ? 'external load' : `${report.connections} connections`}, ${escapeXml(formatMs(report.durationMs))}; shaded: each route's load windows, named over the first.</p>
<p class="${report.verdict === 'healthy' ? 'healthy' : ''}">${escapeXml(headline(report))}</p>
${findings.join('\n')}
<h2>Over time</h2>${charts.join('\n')}
<h2>Figures</h2><p>${escapeXml(summaryLine(report))}</p>${report.routes.length ? table(routeRows(report)) : ''}${report.outbound.length ? `<h2>Outbound calls</h2>${table(outboundRows(report))}` : ''}
</body></html>
`;
}
