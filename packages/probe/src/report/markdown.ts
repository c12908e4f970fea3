import { culpritText, headline, outboundRows, routeRows, ruleText, summaryLine } from './figures.js';
import type { ProbeReport } from './types.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function table(rows: string[][]): string[] {
  const [header, ...body] = rows;
  return [`| ${header!.map(cell).join(' | ')} |`, `|${header!.map(() => '---').join('|')}|`, ...body.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

/** Markdown for a pull-request comment or an incident note. */
export function markdownReport(report: ProbeReport): string {
  const lines = [`## strata probe: \`${report.command.join(' ')}\``, '', `**${headline(report)}**`, ''];
  for (const finding of report.findings) {
    lines.push(`### ${finding.severity === 'error' ? '🔴' : '🟠'} ${finding.what}`, '');
    lines.push(`*${finding.kind}, ${finding.confidence} confidence${finding.route ? `, under load on \`${finding.route}\`` : ''}*`, '');
    const culprit = culpritText(finding);
    if (culprit) lines.push(`- **Where:** \`${culprit}\``);
    lines.push(`- **Why:** ${finding.why}`, `- **Fix:** ${finding.fix}`, `- **Evidence:**`);
    for (const item of finding.evidence) lines.push(`  - ${item}`);
    lines.push(`- ${ruleText(finding)}`, '');
  }
  lines.push('### Figures', '', summaryLine(report), '');
  if (report.routes.length) lines.push(...table(routeRows(report)), '');
  if (report.outbound.length) lines.push(...table(outboundRows(report)), '');
  return `${lines.join('\n')}\n`;
}
