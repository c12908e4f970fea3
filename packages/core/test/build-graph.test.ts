import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLayerModel } from '../src/layers/classify.js';
import { buildGraph } from '../src/project/build-graph.js';
import { emptyAnalysis, type FileAnalysis, type RawImport } from '../src/project/file-analysis.js';
import type { Resolution } from '../src/project/resolve.js';

const root = path.join(path.sep, 'repo');
const importOf = (specifier: string, line: number): RawImport => ({ specifier, kind: 'import', line, column: 1, names: ['x'] });
const fileWith = (...imports: RawImport[]): FileAnalysis => ({ ...emptyAnalysis(), imports });

describe('the graph built from answers found during the parse', () => {
  const files = new Map<string, FileAnalysis>([
    ['src/application/orders.ts', fileWith(importOf('../domain/order', 1), importOf('zod', 2), importOf('node:fs', 3), importOf('./missing', 4))],
    ['src/domain/order.ts', fileWith(importOf('../application/orders', 1))],
  ]);
  const answers: Record<string, Resolution> = {
    '../domain/order': { kind: 'source', path: path.join(root, 'src/domain/order.ts') },
    zod: { kind: 'package', name: 'zod' },
    'node:fs': { kind: 'builtin', name: 'fs' },
    './missing': { kind: 'unresolved', reason: 'no such file' },
    '../application/orders': { kind: 'source', path: path.join(root, 'src/application/orders.ts') },
  };
  const asked: string[] = [];
  const resolve = (from: string, specifier: string): Resolution => {
    asked.push(`${path.relative(root, from)} ${specifier}`);
    return answers[specifier]!;
  };
  const layers = () => buildLayerModel([...files.keys()], false);

  it('takes each import its answer by position, asks only for files it has none for, and builds the same graph', () => {
    const everyAnswerAsked = buildGraph(root, files, resolve, layers());
    asked.length = 0;
    const found = new Map([['src/application/orders.ts', files.get('src/application/orders.ts')!.imports.map((entry) => answers[entry.specifier]!)]]);
    const fromFound = buildGraph(root, files, resolve, layers(), undefined, undefined, found);
    expect(asked).toEqual(['src/domain/order.ts ../application/orders']);
    expect(fromFound).toEqual(everyAnswerAsked);
    expect(fromFound.edges.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([
      'src/application/orders.ts -> src/domain/order.ts',
      'src/application/orders.ts -> npm:zod',
      'src/application/orders.ts -> node:fs',
      'src/domain/order.ts -> src/application/orders.ts',
    ]);
    expect(fromFound.unresolved.map((entry) => entry.specifier)).toEqual(['./missing']);
  });
});
