import type { AnalysisResult, Severity } from '../types.js';
import { contextRows } from './context-rows.js';
import { renderLayerDiagram } from './layer-diagram.js';
import { createStyle, type Style } from './style.js';
import { countBySeverity, groupByRule, plural, scorecard } from './summary.js';
import type { Reporter } from './types.js';

const OCCURRENCES_SHOWN = 8;

function contextLines(result: AnalysisResult, style: Style): string[] {
  return [style.bold('Context'), ...contextRows(result).map(([label, value]) => `  ${style.dim(label.padEnd(14))}${value}`)];
}

function severityLabel(severity: Severity, style: Style): string {
  if (severity === 'error') return style.red('✖ error');
  if (severity === 'warn') return style.yellow('▲ warn ');
  return style.blue('ℹ info ');
}

function scoreLines(result: AnalysisResult, style: Style): string[] {
  const lines = [style.bold('Scorecard')];
  for (const entry of scorecard(result)) {
    const filled = Math.round(entry.score / 10);
    const bar = '█'.repeat(filled) + '░'.repeat(10 - filled);
    const paint = entry.errors ? style.red : entry.warnings ? style.yellow : style.green;
    const detail = [entry.errors && plural(entry.errors, 'error'), entry.warnings && plural(entry.warnings, 'warning'), entry.infos && `${entry.infos} advice`]
      .filter(Boolean)
      .join(' · ');
    lines.push(`  ${entry.category.padEnd(18)} ${paint(bar)} ${String(entry.score).padStart(3)}  ${style.dim(detail || 'clean')}`);
  }
  return lines;
}

function findingLines(result: AnalysisResult, style: Style, verbose: boolean): string[] {
  const counts = countBySeverity(result.findings);
  const baselined = result.baselined ? ` · ${result.baselined} known (baseline)` : '';
  const header = `Findings: ${plural(counts.error, 'error')}, ${plural(counts.warn, 'warning')}, ${counts.info} advice${baselined}`;
  if (result.findings.length === 0) return [style.bold(header), `  ${style.green('No findings: nothing to fix at the current rules and profile.')}`];
  const lines = [style.bold(header)];
  for (const group of groupByRule(result.findings)) {
    lines.push('', `${severityLabel(group.severity, style)}  ${style.bold(group.ruleId)} ${style.dim(`· ${group.category} · ${plural(group.findings.length, 'occurrence')}`)}`);
    lines.push(`  ${style.dim('Why')}  ${group.why}`);
    lines.push(`  ${style.dim('Fix')}  ${group.fix}`);
    const shown = verbose ? group.findings : group.findings.slice(0, OCCURRENCES_SHOWN);
    for (const finding of shown) {
      const route = finding.route ? `${style.bold(finding.route)}  ` : '';
      lines.push(`  ${style.blue(`${finding.file}:${finding.line}:${finding.column}`)}  ${route}${finding.message}`);
      // The path from the handler to the line, one step a line, as a reviewer would walk it.
      finding.trace?.forEach((step, index) => lines.push(style.dim(`      ${index + 1}. ${step.file}:${step.line}  ${step.message}`)));
    }
    if (shown.length < group.findings.length) lines.push(style.dim(`  … and ${group.findings.length - shown.length} more (--verbose shows all)`));
  }
  return lines;
}

/** The terminal report, read top to bottom like a senior reviewer's notes. */
export const prettyReporter: Reporter = (result, options = {}) => {
  const style = createStyle(options.color ?? false);
  const { stats } = result;
  const title = `${style.bold('Strata review')} ${style.dim(`· ${result.root} · strata ${result.tool.version}`)}`;
  const timing = style.dim(`${stats.files} files in ${stats.durationMs} ms (${stats.reused ? 'nothing changed: the last result, reused' : `${stats.parsed} parsed, ${stats.cached} from cache${stats.workers ? `, ${stats.workers} parser thread${stats.workers === 1 ? '' : 's'}` : ''}`})`);
  return [
    title,
    '',
    ...contextLines(result, style),
    '',
    ...scoreLines(result, style),
    '',
    style.bold(`Layer flow (${result.layers.preset} preset)`),
    ...renderLayerDiagram(result.layers, style, options.verbose ?? false),
    '',
    ...findingLines(result, style, options.verbose ?? false),
    '',
    timing,
    '',
  ].join('\n');
};
