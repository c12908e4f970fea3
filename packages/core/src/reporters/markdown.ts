import type { Finding } from '../types.js';
import { countBySeverity, groupByRule, plural, scorecard } from './summary.js';
import type { Reporter } from './types.js';

const ICONS = { error: '🔴', warn: '🟠', info: '🔵' } as const;
const ROWS_PER_RULE = 20;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The message, with the route it is reached from and the steps that lead to it. */
function describe(finding: Finding): string {
  const route = finding.route ? `**${finding.route}** ` : '';
  const trace = finding.trace?.length ? `<br>${finding.trace.map((step, index) => `${index + 1}. \`${step.file}:${step.line}\` ${step.message}`).join('<br>')}` : '';
  return `${route}${finding.message}${trace}`;
}

/** A PR comment: counts, scorecard, then one collapsible section per rule. */
export const markdownReporter: Reporter = (result) => {
  const counts = countBySeverity(result.findings);
  const lines = [
    '## Strata review',
    '',
    `**${plural(counts.error, 'error')}, ${plural(counts.warn, 'warning')}, ${counts.info} advice**${result.baselined ? ` (${result.baselined} known findings in the baseline)` : ''} · ${result.context.size.modules} modules · shape: ${result.context.shape}`,
    '',
    '| Category | Score | Errors | Warnings | Advice |',
    '|---|---:|---:|---:|---:|',
    ...scorecard(result).map((entry) => `| ${entry.category} | ${entry.score} | ${entry.errors} | ${entry.warnings} | ${entry.infos} |`),
    '',
  ];
  const violations = result.layers.flows.filter((flow) => !flow.allowed);
  if (violations.length) {
    lines.push('**Layer arrows against the allowed direction:** ' + violations.map((flow) => `\`${flow.from} → ${flow.to}\` (${flow.count})`).join(', '), '');
  }
  for (const group of groupByRule(result.findings)) {
    lines.push(`<details><summary>${ICONS[group.severity]} <b>${group.ruleId}</b> · ${group.category} · ${plural(group.findings.length, 'occurrence')}</summary>`, '');
    lines.push(`**Why:** ${group.why}`, '', `**Fix:** ${group.fix}`, '', '| Location | Finding |', '|---|---|');
    for (const finding of group.findings.slice(0, ROWS_PER_RULE)) lines.push(`| \`${finding.file}:${finding.line}\` | ${cell(describe(finding))} |`);
    if (group.findings.length > ROWS_PER_RULE) lines.push(`| … | ${group.findings.length - ROWS_PER_RULE} more |`);
    lines.push('', '</details>', '');
  }
  if (result.findings.length === 0) lines.push('No findings. ✅', '');
  return lines.join('\n');
};
