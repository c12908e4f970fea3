import type { Rule } from '../types.js';

export const unresolvedImport: Rule = {
  meta: {
    id: 'unresolved-import',
    category: 'project',
    severity: 'warn',
    title: 'Local imports resolve to a file',
    why: 'A relative, tsconfig-alias or workspace import that resolves to nothing is either a bug that fails at run time or a path the build rewrites in a way tools cannot follow; either way the dependency graph, and every rule built on it, misses that edge.',
    fix: 'Correct the path, add the missing file, or declare the alias in tsconfig `paths` (or package.json `imports`) so that Node, TypeScript and Strata resolve it the same way.',
  },
  check({ project, report }) {
    // Said once, as advice: the code is not to blame for a tsconfig whose base is not installed, or a file a build writes.
    for (const notice of project.graph.notices) {
      report({ severity: 'info', file: notice.file, line: notice.line, column: notice.column, message: notice.message, anchor: notice.kind });
    }
    for (const unresolved of project.graph.unresolved) {
      report({
        file: unresolved.from,
        line: unresolved.line,
        column: unresolved.column,
        message: `Cannot resolve "${unresolved.specifier}": ${unresolved.reason}.`,
        anchor: unresolved.specifier,
      });
    }
  },
};
