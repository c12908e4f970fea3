import type { Finding } from '../../types.js';
import type { ProjectModel } from '../../project/model.js';
import type { Suppression } from '../../project/suppressions.js';
import type { ProjectFinding, Rule } from '../types.js';

const SYNTAX = '`// strata-ignore-next-line <rule-id> -- <reason>` or `// strata-ignore-file <rule-id> -- <reason>`';

/**
 * Suppression comments are honoured by the engine (see `applySuppressions`); this rule reports the
 * ones that cannot be honoured: no rule named, an unknown rule, no reason. Unused ones are found
 * once every other rule has run.
 */
export const suppression: Rule = {
  meta: {
    id: 'suppression',
    category: 'project',
    severity: 'warn',
    title: 'Suppressions name a rule, give a reason and still suppress something',
    why: 'A suppression is a decision the next reader must be able to trust: without a reason nobody can tell whether it still holds, and one that no longer matches a finding hides nothing today but will silently hide the next real problem on that line.',
    fix: `Write ${SYNTAX}, naming the rule and why the finding does not apply here; delete suppressions that no longer suppress anything.`,
  },
  check({ project, report }) {
    const known = new Set(project.ruleIds);
    for (const [file, analysis] of project.files) {
      for (const entry of analysis.suppressions ?? []) {
        const problem = malformed(entry, known);
        if (problem) report({ file, line: entry.line, column: entry.column, message: problem, anchor: `strata-ignore-${entry.scope} ${entry.rules.join(',')}` });
      }
    }
  },
};

function malformed(entry: Suppression, known: ReadonlySet<string>): string | null {
  if (!entry.rules.length) return `This suppression names no rule: write ${SYNTAX}.`;
  const unknown = entry.rules.filter((rule) => !known.has(rule));
  if (unknown.length) return `This suppression names ${unknown.map((rule) => `"${rule}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a rule' : 'are not rules'}; \`strata explain\` lists them.`;
  if (!entry.reason) return `This suppression of ${entry.rules.join(', ')} gives no reason, so it suppresses nothing: add \` -- <why this finding does not apply here>\`.`;
  return null;
}

/** Whether a well-formed suppression covers a finding. */
function covers(entry: Suppression, finding: Finding): boolean {
  if (!entry.reason || !entry.rules.includes(finding.ruleId)) return false;
  return entry.scope === 'file' || finding.line === entry.line + 1;
}

/**
 * Drops the findings a suppression covers and returns them with the unused, well-formed
 * suppressions, for the `suppression` rule to report. A suppression never hides its own rule's findings.
 */
export function applySuppressions(findings: readonly Finding[], project: ProjectModel): { kept: Finding[]; unused: ProjectFinding[] } {
  const used = new Set<Suppression>();
  const kept = findings.filter((finding) => {
    if (finding.ruleId === suppression.meta.id) return true;
    const entry = project.files.get(finding.file)?.suppressions?.find((candidate) => covers(candidate, finding));
    if (entry) used.add(entry);
    return !entry;
  });
  const known = new Set(project.ruleIds);
  const unused: ProjectFinding[] = [];
  for (const [file, analysis] of project.files) {
    for (const entry of analysis.suppressions ?? []) {
      if (used.has(entry) || malformed(entry, known)) continue;
      const where = entry.scope === 'file' ? 'in this file' : `on line ${entry.line + 1}`;
      unused.push({
        file,
        line: entry.line,
        column: entry.column,
        message: `Unused suppression: no ${entry.rules.join(' or ')} finding ${where} (reason given: "${entry.reason}"). Delete it, so that it cannot hide the next real finding.`,
        anchor: `unused strata-ignore-${entry.scope} ${entry.rules.join(',')}`,
      });
    }
  }
  return { kept, unused };
}
