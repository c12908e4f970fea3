import type { Rule } from '../types.js';

export const parseError: Rule = {
  meta: {
    id: 'parse-error',
    category: 'project',
    severity: 'warn',
    title: 'Every source file can be analysed',
    why: 'A file that does not parse (or is binary, not UTF-8, unreadable or too large) is invisible to every other rule: its imports, layer violations and risks are not checked, so a green report says less than it seems.',
    fix: 'Fix the syntax error, or, if the file is generated, vendored or not source at all, exclude it in strata.config.json (`ignore`) or .gitignore.',
  },
  check({ project, report }) {
    for (const [file, analysis] of project.files) {
      if (!analysis.problem) continue;
      report({ file, line: analysis.problem.line, column: analysis.problem.column, message: analysis.problem.message, anchor: analysis.problem.message });
    }
  },
};
