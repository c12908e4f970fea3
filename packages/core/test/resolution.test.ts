import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { makeRepo } from './helpers/temp-repo.js';

const edgeList = (result: Awaited<ReturnType<typeof analyze>>) => result.graph.edges.map((edge) => `${edge.from} -${edge.kind}-> ${edge.to}`).sort();

describe('resolution', () => {
  it('follows tsconfig paths with extends, .js specifiers to .ts, imports maps, workspaces to source, and every edge kind', async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, type: 'module', workspaces: ['packages/*'], imports: { '#config': './apps/api/src/config/env.ts' } }),
      'tsconfig.base.json': '{ /* shared */ "compilerOptions": { "baseUrl": ".", "paths": { "@api/*": ["apps/api/src/*"] }, "strict": true, } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'packages/kernel/package.json': JSON.stringify({ name: '@acme/kernel', type: 'module', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './errors': './dist/errors.js' } }),
      'packages/kernel/src/index.ts': "export * from './errors.js';\nexport type { Id } from './id.js';\n",
      'packages/kernel/src/errors.ts': 'export class DomainError extends Error {}\n',
      'packages/kernel/src/id.ts': 'export type Id = string;\n',
      'apps/api/src/config/env.ts': 'export const env = { port: 3000 };\n',
      'apps/api/src/main.ts': [
        "import Fastify from 'fastify';",
        "import { readFile } from 'node:fs/promises';",
        "import { env } from '#config';",
        "import { DomainError } from '@acme/kernel';",
        "import { DomainError as Again } from '@acme/kernel/errors';",
        "import type { Order } from '@api/orders/order.js';",
        "export { placeOrder } from './orders/place-order.js';",
        "const legacy = require('./legacy.cjs');",
        "export async function start() { const routes = await import('./routes.js'); return [Fastify, readFile, env, DomainError, Again, routes, legacy]; }",
        "export type Maybe = Order | undefined;",
      ].join('\n'),
      'apps/api/src/orders/order.ts': 'export interface Order { id: string }\n',
      'apps/api/src/orders/place-order.ts': "import { env } from '../config/env.js';\nexport const placeOrder = () => env.port;\n",
      'apps/api/src/routes.ts': "import missing from './does-not-exist.js';\nimport alias from '@api/nowhere';\nexport default [missing, alias];\n",
      'apps/api/src/legacy.cjs': "module.exports = require('./orders/order.ts');\n",
    });
    const result = await analyze({ root, cache: false });
    expect(edgeList(result)).toEqual([
      'apps/api/src/legacy.cjs -require-> apps/api/src/orders/order.ts',
      'apps/api/src/main.ts -dynamic-import-> apps/api/src/routes.ts',
      'apps/api/src/main.ts -import-> apps/api/src/config/env.ts',
      'apps/api/src/main.ts -import-> node:fs/promises',
      'apps/api/src/main.ts -import-> npm:fastify',
      'apps/api/src/main.ts -import-> packages/kernel/src/errors.ts',
      'apps/api/src/main.ts -import-> packages/kernel/src/index.ts',
      'apps/api/src/main.ts -re-export-> apps/api/src/orders/place-order.ts',
      'apps/api/src/main.ts -require-> apps/api/src/legacy.cjs',
      'apps/api/src/main.ts -type-only-> apps/api/src/orders/order.ts',
      'apps/api/src/orders/place-order.ts -import-> apps/api/src/config/env.ts',
      'packages/kernel/src/index.ts -re-export-> packages/kernel/src/errors.ts',
      'packages/kernel/src/index.ts -type-only-> packages/kernel/src/id.ts',
    ]);
    expect(result.graph.unresolved.map((entry) => [entry.from, entry.specifier, entry.line])).toEqual([
      ['apps/api/src/routes.ts', './does-not-exist.js', 1],
      ['apps/api/src/routes.ts', '@api/nowhere', 2],
    ]);
    expect(result.findings.filter((finding) => finding.ruleId === 'unresolved-import')).toHaveLength(2);
    expect(result.context.size.workspaces).toBe(1);
    expect(result.context.typescript).toEqual({ used: true, strict: true });
  });

  it('reports each cycle once, ignoring cycles made only of type imports', async () => {
    const root = makeRepo({
      'src/a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'src/b.ts': "import { c } from './c';\nexport const b = () => c();\n",
      'src/c.ts': "import { a } from './a';\nexport const c = () => a();\n",
      'src/x.ts': "import type { Y } from './y';\nexport interface X { y: Y }\n",
      'src/y.ts': "import type { X } from './x';\nexport interface Y { x: X }\n",
    });
    const result = await analyze({ root, cache: false });
    expect(result.graph.cycles).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts']]);
    const cycles = result.findings.filter((finding) => finding.ruleId === 'no-circular');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ file: 'src/a.ts', line: 1, message: 'Import cycle of 3 modules: src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts' });
  });
});
