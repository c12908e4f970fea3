import type { StrataConfig } from '../config/schema.js';
import { fingerprintFor } from '../findings/fingerprint.js';
import type { ProjectModel } from '../project/model.js';
import { SEVERITY_RANK, type Finding } from '../types.js';
import type { ProjectFinding, Rule } from './types.js';

/** Runs the enabled rules over the project and turns their reports into findings with severities and fingerprints. */
export function runRules(rules: readonly Rule[], project: ProjectModel, config: StrataConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const configured = config.rules[rule.meta.id];
    if (configured === 'off') continue;
    const severity = configured ?? rule.meta.severity;
    // Adoption mode for big legacy codebases: only what is a defect today.
    if (project.profile === 'legacy' && severity !== 'error') continue;
    const occurrences = new Map<string, number>();
    const emit = (report: ProjectFinding): void => {
      const key = `${report.file}\0${report.anchor}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      findings.push({
        ruleId: rule.meta.id,
        category: rule.meta.category,
        severity: report.severity && SEVERITY_RANK[report.severity] < SEVERITY_RANK[severity] ? report.severity : severity,
        file: report.file,
        line: report.line,
        column: report.column,
        message: report.message,
        why: rule.meta.why,
        fix: rule.meta.fix,
        fingerprint: fingerprintFor(rule.meta.id, report.file, report.anchor, occurrence),
        ...(report.data ? { data: report.data } : {}),
      });
    };
    const fileReports = (file: string) => project.files.get(file)?.reports[rule.meta.id] ?? [];
    if (rule.check) {
      rule.check({ project, fileReports, report: emit });
    } else {
      for (const file of [...project.files.keys()].sort()) for (const report of fileReports(file)) emit({ file, ...report });
    }
  }
  return findings.sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}
