import { CATEGORIES, SEVERITY_RANK, type AnalysisResult, type Category, type Finding, type Severity } from '../types.js';
import { compareText } from '../compare-text.js';

export interface RuleGroup {
  ruleId: string;
  category: Category;
  severity: Severity;
  why: string;
  fix: string;
  findings: Finding[];
}

/** Findings grouped by rule, most severe and most frequent first: the order a reviewer would read them in. */
export function groupByRule(findings: readonly Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const finding of findings) {
    const group = groups.get(finding.ruleId) ?? {
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      why: finding.why,
      fix: finding.fix,
      findings: [],
    };
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[group.severity]) group.severity = finding.severity;
    group.findings.push(finding);
    groups.set(finding.ruleId, group);
  }
  return [...groups.values()].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.findings.length - a.findings.length || compareText(a.ruleId, b.ruleId),
  );
}

export interface CategoryScore {
  category: Category;
  score: number;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * A 0-100 score per category. Penalties grow with the square root of the count (an error weighs
 * 30, a warning 8, advice 2), so one noisy rule cannot sink a category on its own.
 */
export function scorecard(result: AnalysisResult): CategoryScore[] {
  return CATEGORIES.map((category) => {
    const inCategory = result.findings.filter((finding) => finding.category === category);
    const count = (severity: Severity): number => inCategory.filter((finding) => finding.severity === severity).length;
    const errors = count('error');
    const warnings = count('warn');
    const infos = count('info');
    // A tangle is one finding but can hold half the codebase: it weighs by its share.
    const tangled = inCategory.reduce((sum, finding) => sum + (tangleShare(finding) ?? 0), 0);
    const penalty = 30 * Math.sqrt(errors) + 8 * Math.sqrt(warnings) + 2 * Math.sqrt(infos) + 60 * Math.min(1, tangled);
    return { category, score: Math.max(0, Math.round(100 - penalty)), errors, warnings, infos };
  }).filter((entry) => entry.category === 'architecture' || entry.errors + entry.warnings + entry.infos > 0);
}

function tangleShare(finding: Finding): number | undefined {
  const share = (finding.data?.tangle as { share?: unknown } | undefined)?.share;
  return typeof share === 'number' ? share : undefined;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warn: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
