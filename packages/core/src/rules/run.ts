import type { StrataConfig } from '../config/schema.js';
import { fingerprintFor, normaliseAnchor } from '../findings/fingerprint.js';
import type { ProjectModel } from '../project/model.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../types.js';
import { applySuppressions, suppression } from './suppression/rule.js';
import type { ProjectFinding, Rule } from './types.js';
import { ProgramModels } from '../program/models.js';
import { compareText } from '../compare-text.js';

/** Turns one rule's reports into findings: its severity, why and fix, and a fingerprint per occurrence. */
function findingMaker(rule: Rule, severity: Severity, into: Finding[]): (report: ProjectFinding) => void {
  const occurrences = new Map<string, number>();
  return (report) => {
    const key = `${report.file}\0${normaliseAnchor(report.anchor)}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    into.push({
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
      ...(report.route ? { route: report.route } : {}),
      ...(report.trace?.length ? { trace: report.trace } : {}),
    });
  };
}

/** Whether the rule applies to this project: its frameworks were detected, its shapes match under the profile. */
function applies(rule: Rule, project: ProjectModel): boolean {
  if (rule.meta.profiles && !rule.meta.profiles.some((profile) => profile === project.profile)) return false;
  const where = rule.meta.appliesTo;
  if (!where) return true;
  if (where.frameworks) {
    const detected = project.context.frameworks.map((item) => item.name.toLowerCase());
    if (!where.frameworks.some((framework) => detected.some((name) => name.includes(framework === 'nestjs' ? 'nest' : framework)))) return false;
  }
  if (where.shapes && project.profile !== 'strict-clean' && !where.shapes.includes(project.context.shape)) return false;
  return true;
}

/** The severity a rule runs at under the config and profile, or null when it does not run. */
function severityOf(rule: Rule, project: ProjectModel, config: StrataConfig): Severity | null {
  const configured = config.rules[rule.meta.id];
  if (configured === 'off' || !applies(rule, project)) return null;
  const severity = configured ?? rule.meta.severity;
  // Adoption mode for big legacy codebases: only what is a defect today.
  return project.profile === 'legacy' && severity !== 'error' ? null : severity;
}

/**
 * Runs the enabled rules over the project and turns their reports into findings with severities and
 * fingerprints; then honours `strata-ignore` comments and reports the suppressions that hid nothing.
 */
export function runRules(rules: readonly Rule[], project: ProjectModel, config: StrataConfig): { findings: Finding[]; models: ProgramModels | null } {
  const findings: Finding[] = [];
  let models: ProgramModels | null = null;
  let sortedFiles: string[] | null = null;
  for (const rule of rules) {
    const severity = severityOf(rule, project, config);
    if (!severity) continue;
    const emit = findingMaker(rule, severity, findings);
    const fileReports = (file: string) => project.files.get(file)?.reports[rule.meta.id] ?? [];
    if (rule.check) {
      rule.check({
        project,
        fileReports,
        report: emit,
        options: config.ruleOptions?.[rule.meta.id] ?? {},
        get models() {
          models ??= new ProgramModels(project);
          return models;
        },
      });
    } else {
      sortedFiles ??= [...project.files.keys()].sort();
      for (const file of sortedFiles) for (const report of fileReports(file)) emit({ file, ...report });
    }
  }
  const { kept, unused } = applySuppressions(findings, project);
  const suppressionSeverity = rules.includes(suppression) ? severityOf(suppression, project, config) : null;
  if (suppressionSeverity) unused.forEach(findingMaker(suppression, suppressionSeverity, kept));
  kept.sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId),
  );
  return { findings: kept, models };
}

/** Whether any rule the config runs reads the program models: then every file gets one. */
export function programModelsNeeded(rules: readonly Rule[], config: StrataConfig): boolean {
  return rules.some((rule) => rule.meta.models?.length && config.rules[rule.meta.id] !== 'off');
}
