import { exposureOf, type Exposure } from '../../program/http/exposure.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';

const CONSEQUENCE: Record<Exposure['kind'], string> = {
  'directory-listing': 'anyone can browse the folder and download every file in it, including the ones no page links to (backups, keys, logs)',
  'stack-traces': 'every error answers with a stack trace, file paths and library versions, a map of the service for an attacker',
  'generated-crud': 'every model gets list, read, create, update and delete endpoints that bypass the application\'s own rules and checks',
};

export const exposedInternals: Rule = {
  meta: {
    id: 'exposed-internals',
    category: 'security',
    severity: 'error',
    title: 'No directory listings, debug error pages or generated CRUD endpoints in production',
    why: 'Directory listings hand out files nobody meant to publish, debug error pages print stack traces and paths to any client, and CRUD endpoints generated for models expose every row and every field with none of the checks the hand-written routes make.',
    fix: 'Serve only the files pages link to (`express.static` without an index listing), use `errorhandler` only under `NODE_ENV === \'development\'` and answer errors with a generic body elsewhere, and write the endpoints the API needs instead of generating them for every model.',
    models: ['program'],
  },
  check({ models, report }) {
    for (const call of models.everyCall) {
      const exposure = isTooling(call.file) ? null : exposureOf(call, models.linker);
      if (!exposure) continue;
      report({
        ...(exposure.kind === 'generated-crud' ? { severity: 'warn' as const } : {}),
        file: call.file,
        line: call.site.line,
        column: call.site.column,
        message: `${exposure.what} in production (not under a development-only branch): ${CONSEQUENCE[exposure.kind]}.`,
        anchor: `${exposure.kind}:${exposure.what}`,
      });
    }
  },
};
