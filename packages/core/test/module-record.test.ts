import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeSource } from '../src/project/analyze-file.js';
import { decodeSource } from '../src/project/decode.js';
import { RULES } from '../src/rules/index.js';
import { ormMocking } from '../src/rules/orm-mocking/rule.js';
import { repositoryRoot, sourceFilesUnder } from './helpers/repository-sources.js';

/** Sources written to probe every import and export form the module record has to reproduce. */
const TRICKY: Record<string, string> = {
  'forms.ts': [
    "import a, { b as c, type D } from 'x';",
    "import * as ns from './ns.js';",
    "import type T from './t.js';",
    "import './side-effect.js';",
    "export * from './all.js';",
    "export * as grouped from './grouped.js';",
    "export { e as f, type G } from './ef.js';",
    "export type { H } from './h.js';",
    'export const k = 1, m = 2;',
    'export function fn() { return import("./lazy.js"); }',
    'export class K {}',
    'export interface I { a: string }',
    'export type TT = string;',
    'export enum En { A }',
    'export { k as kk };',
    'export default k;',
    'const later = import(`./later.js`);',
    'const computed = import(`./${k}.js`);',
  ].join('\n'),
  'barrel.ts': "// the public face of the module\nexport * from './a.js';\nexport { b } from './b.js';\nexport type { C } from './c.js';\n",
  'barrel-with-local-forward.ts': "import { a } from './a.js';\nexport { a };\n",
  'not-a-barrel.ts': "export * from './a.js';\nexport const local = 1;\n",
  'only-imports.ts': "import './polyfill.js';\nimport { x } from './x.js';\n",
  'directive.js': "'use strict';\nexport * from './a.js';\n",
  'patterns.ts': "import { f } from './f.js';\nexport const [a, b] = f(), { c, d: e, ...rest } = f();\n",
  'ambient.ts': "import type { Config } from './config.js';\ndeclare module 'vitest' {\n  export interface ProvidedContext { config: Config }\n}\n",
  'generic-call.ts': "import { app } from './app.js';\napp.post<{ Body: string }>('/orders', async () => null);\n",
};

describe('the module-record path gives exactly what the tree walk gives', () => {
  it.each(Object.entries(TRICKY))('%s', (name, source) => {
    expect(analyzeSource(name, source, RULES)).toEqual(analyzeSource(name, source, RULES, { forceTree: true }));
  });

  it("on every source file of this repository, fixtures included", () => {
    const files = sourceFilesUnder(repositoryRoot);
    expect(files.length).toBeGreaterThan(400);
    let skippedTree = 0;
    for (const file of files) {
      const decoded = decodeSource(readFileSync(file));
      if ('error' in decoded) continue;
      const relative = path.relative(repositoryRoot, file);
      const fast = analyzeSource(relative, decoded.text, RULES);
      const walked = analyzeSource(relative, decoded.text, RULES, { forceTree: true });
      expect({ file: relative, analysis: fast }).toEqual({ file: relative, analysis: walked });
      skippedTree++;
    }
    expect(skippedTree).toBe(files.filter((file) => !('error' in decodeSource(readFileSync(file)))).length);
  });
});

describe('rules that report only in test files', () => {
  afterEach(() => vi.restoreAllMocks());

  // orm-mocking's triggers (`.mock(`, `mock<`) also occur in application code, where its visitors
  // would return nothing: such a file must neither walk its tree for it nor ask it for visitors.
  it('are not matched against application code', () => {
    const visitors = vi.spyOn(ormMocking, 'visitors');
    const source = "import { api } from './api.js';\nexport const stubbed = api.mock(1);\n";
    const analysis = analyzeSource('src/users/users.service.ts', source, RULES);
    expect(visitors).not.toHaveBeenCalled();
    expect(analysis.reports['orm-mocking']).toEqual([]);
    analyzeSource('src/users/users.service.spec.ts', `import { jest } from '@jest/globals';\njest.mock('./users.repository');\n`, RULES);
    expect(visitors).toHaveBeenCalledTimes(1);
  });
});
