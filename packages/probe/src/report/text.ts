import { alignTable, culpritText, headline, outboundRows, routeRows, ruleText, summaryLine } from './figures.js';
import type { ProbeReport } from './types.js';

const paint = (color: boolean, code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

/** The terminal report: findings first (what, where, why, fix, evidence), then the figures. */
export function textReport(report: ProbeReport, options: { color: boolean }): string {
  const { color } = options;
  const lines: string[] = [];
  lines.push(paint(color, '1', `strata probe: ${report.command.join(' ')}`));
  lines.push(`  pid ${report.pid} at ${report.url}, ${report.attachOnly ? 'external load (attach-only)' : `${report.connections} connections`}, ${(report.durationMs / 1000).toFixed(1)} s`);
  lines.push('');
  lines.push(paint(color, report.verdict === 'healthy' ? '32' : '1', headline(report)));
  for (const finding of report.findings) {
    lines.push('');
    const mark = finding.severity === 'error' ? paint(color, '31', '✖') : paint(color, '33', '⚠');
    lines.push(`${mark} ${paint(color, '1', finding.what)}  [${finding.kind}, ${finding.confidence} confidence]`);
    const culprit = culpritText(finding);
    if (culprit) lines.push(`    where    ${culprit}`);
    lines.push(`    why      ${finding.why}`);
    lines.push(`    fix      ${finding.fix}`);
    for (const item of finding.evidence) lines.push(`    evidence ${item}`);
    lines.push(`    ${paint(color, '2', ruleText(finding))}`);
  }
  lines.push('');
  lines.push(paint(color, '1', 'Figures'));
  lines.push(`  ${summaryLine(report)}`);
  if (report.routes.length) {
    lines.push('');
    for (const line of alignTable(routeRows(report))) lines.push(`  ${line}`);
  }
  if (report.outbound.length) {
    lines.push('');
    for (const line of alignTable(outboundRows(report))) lines.push(`  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}
