import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSync, type ParserOptions } from 'oxc-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { enableRawTransfer, parseWithRawTransfer } from '../src/ast/raw-parse.js';

/** Sources whose trees exercise what a transfer can get wrong: offsets after multi-byte text, shapes, comments, errors. */
const CASES: [string, string, ParserOptions][] = [
  ['orders.ts', "import type { Order } from './order.js';\n// 注文: naïve café ☕ 🍣\nexport class Orders { constructor(private readonly repo: Repo<Order>) {}\n  @Get(':id') find(@Param('id') id: string): Promise<Order> { return this.repo.get(id as never); } }\n", { sourceType: 'unambiguous' }],
  ['server.js', "#!/usr/bin/env node\n'use strict';\nconst app = require('express')();\napp.get('/é', (req, res) => res.send(`${1n + 2n} ${/a+/gu.source}`));\nmodule.exports = app;\n", { sourceType: 'unambiguous', astType: 'js' }],
  ['view.jsx', 'export const View = () => <div title="ü">{/* 😀 */}</div>;\n', { sourceType: 'unambiguous', lang: 'jsx', astType: 'js' }],
  ['bom.ts', '\uFEFFexport const x: number = 1;\n', { sourceType: 'unambiguous' }],
  ['broken.ts', 'export function f( {\n  return 1 +;\n', { sourceType: 'unambiguous' }],
  ['return.cjs', 'if (!process.env.X) return;\nmodule.exports = 1;\n', { sourceType: 'commonjs', astType: 'js' }],
];

describe('parsing with the tree handed over by raw transfer', () => {
  beforeAll(enableRawTransfer);

  it.each(CASES)('gives %s the tree, module record, comments and errors of the JSON path', (file, source, options) => {
    const expected = parseSync(file, source, options);
    const actual = parseWithRawTransfer(file, source, options);
    expect(actual.program).toEqual(expected.program);
    expect(actual.module).toEqual(expected.module);
    expect(actual.comments).toEqual(expected.comments);
    expect(actual.errors).toEqual(expected.errors);
  });

  it('reuses its buffer: a long file after a short one, and the short one again, parse the same', () => {
    const short = 'export const a = 1;\n';
    const long = Array.from({ length: 3000 }, (_, index) => `export const value${index} = { name: 'ñ${index}', list: [${index}, ${index + 1}] };`).join('\n');
    for (const source of [short, long, short]) {
      expect(parseWithRawTransfer('m.ts', source, { sourceType: 'module' }).program).toEqual(parseSync('m.ts', source, { sourceType: 'module' }).program);
    }
  });

  it('reserves its buffer without V8 collecting the whole heap for it', () => {
    const engine = pathToFileURL(fileURLToPath(new URL('../dist/ast/raw-parse.js', import.meta.url))).href;
    const script = [
      `import { enableRawTransfer, parseWithRawTransfer } from ${JSON.stringify(engine)};`,
      'await enableRawTransfer();',
      "const { program } = parseWithRawTransfer('a.ts', 'export const a: number = 1;', { sourceType: 'module' });",
      'if (program.body.length !== 1) process.exit(3);',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--trace-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    // A 6 GiB ArrayBuffer is taken for memory the heap holds: V8 answers with a memory-reducing full collection.
    expect(run.stdout).not.toMatch(/external memory pressure/);
  });
});
