// The bench's edge comparison (bench/lib/edges.mjs): its oracle for workspace imports that
// dependency-cruiser cannot resolve must call an edge a possible strata bug only when it knows the
// source file the package's entry is built from, and that file is not strata's target.
import { describe, expect, it } from 'vitest';
import { compareEdges, dependencyCruiserGraph, strataGraph } from '../../../bench/lib/edges.mjs';
import { tempDir } from './run-cli.js';

const json = (value: unknown) => JSON.stringify(value);

/** A monorepo of three packages, none built: `tsc-lib` by tsc (outDir dist/esm, rootDir src), `bundled` by tsup. */
const MONOREPO = {
  'package.json': json({ name: 'mono', private: true, workspaces: ['packages/*', 'apps/*'] }),
  'packages/tsc-lib/package.json': json({ name: '@m/tsc-lib', main: 'dist/cjs/index.js', exports: { '.': { types: './dist/esm/index.d.ts', import: './dist/esm/index.js', require: './dist/cjs/index.js' } } }),
  // tsconfig.json builds dist/cjs from src; tsconfig.esm.json extends it with its own outDir.
  'packages/tsc-lib/tsconfig.json': '{\n  // the CommonJS build\n  "compilerOptions": { "outDir": "./dist/cjs", "rootDir": "./src", },\n}\n',
  'packages/tsc-lib/tsconfig.esm.json': json({ extends: './tsconfig.json', compilerOptions: { outDir: './dist/esm' } }),
  'packages/tsc-lib/src/index.ts': 'export const lib = 1;\n',
  'packages/tsc-lib/src/other.ts': 'export const other = 2;\n',
  'packages/bundled/package.json': json({ name: '@m/bundled', exports: { './express': { import: './dist/esm/servers/express.js' } } }),
  'packages/bundled/tsup.config.ts': 'export default {};\n',
  'packages/bundled/src/servers/express.ts': 'export const serve = 1;\n',
  'apps/api/package.json': json({ name: 'api' }),
  'apps/api/src/main.ts': "import { lib } from '@m/tsc-lib';\nimport { serve } from '@m/bundled/express';\nexport const run = [lib, serve];\n",
};

function strataResult(edges: { from: string; to: string; specifier: string }[]) {
  const ids = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
  return { graph: { modules: [...ids].map((id) => ({ id, kind: 'source' })), edges: edges.map((edge) => ({ ...edge, kind: 'import' })), unresolved: [] } };
}

/** dependency-cruiser's view of this checkout: both workspace imports unresolvable (no node_modules). */
const CRUISED = {
  modules: [
    { source: 'apps/api/src/main.ts', dependencies: ['@m/tsc-lib', '@m/bundled/express'].map((module) => ({ module, resolved: module, couldNotResolve: true })) },
    ...['packages/tsc-lib/src/index.ts', 'packages/tsc-lib/src/other.ts', 'packages/bundled/src/servers/express.ts'].map((source) => ({ source, dependencies: [] })),
  ],
};

function groupsOf(root: string, tscTarget: string) {
  const strata = strataGraph(
    strataResult([
      { from: 'apps/api/src/main.ts', to: tscTarget, specifier: '@m/tsc-lib' },
      { from: 'apps/api/src/main.ts', to: 'packages/bundled/src/servers/express.ts', specifier: '@m/bundled/express' },
    ]),
  );
  const comparison = compareEdges(strata, dependencyCruiserGraph(CRUISED, root), root);
  return Object.fromEntries(comparison.groups.map((group) => [group.id, { verdict: group.verdict, to: group.edges.map((edge) => edge.to) }]));
}

describe('the bench oracle for workspace imports dependency-cruiser cannot resolve', () => {
  it("maps a tsc build's entry back through the workspace's tsconfig outDir and rootDir, and leaves a bundled entry unchecked", () => {
    const root = tempDir(MONOREPO);
    expect(groupsOf(root, 'packages/tsc-lib/src/index.ts')).toEqual({
      // dist/esm/index.js <- src/index.ts (tsconfig.esm.json's outDir, rootDir from the file it extends)
      'ws-unresolved': { verdict: 'tool limit: dependency-cruiser', to: ['packages/tsc-lib/src/index.ts'] },
      // dist/esm/servers/express.js maps to no existing source: not called a strata bug
      'ws-unverified': { verdict: null, to: ['packages/bundled/src/servers/express.ts'] },
    });
  });

  it('calls a target other than the mapped, existing source a possible strata bug', () => {
    const root = tempDir(MONOREPO);
    expect(groupsOf(root, 'packages/tsc-lib/src/other.ts')['ws-unexpected']).toEqual({ verdict: 'possible strata bug: check', to: ['packages/tsc-lib/src/other.ts'] });
  });
});
