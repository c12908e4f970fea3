import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { StrataError } from '../src/errors.js';
import { makeRepo } from './helpers/temp-repo.js';

describe('bad input never crashes the run', () => {
  it('turns every unanalysable file into a parse-error finding and analyses the rest', async () => {
    const root = makeRepo({
      'package.json': '{"name":"broken","dependencies":{"express":"^5.0.0"}}',
      'src/ok.ts': "import { helper } from './helper.js';\nexport const value = helper();\n",
      'src/helper.ts': 'export function helper(): number { return 1; }\n',
      'src/syntax.ts': 'export function broken( {\n  return 1;\n',
      'src/binary.js': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0]),
      'src/latin1.ts': Uint8Array.from([...Buffer.from('export const name = "caf'), 0xe9, ...Buffer.from('";\n')]),
      'src/huge.ts': `export const data = [${'1,'.repeat(800_000)}];\n`,
      'src/empty.ts': '',
      'src/bom.ts': '\uFEFFexport const withBom = true;\n',
    });
    mkdirSync(path.join(root, 'src/nested'));
    symlinkSync(path.join(root, 'src'), path.join(root, 'src/nested/loop'));
    symlinkSync(path.join(root, 'missing-target.ts'), path.join(root, 'src/dangling.ts'));

    const result = await analyze({ root, cache: false });
    const problems = result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => [finding.file, finding.message.split(':')[0]]);
    expect(problems).toEqual([
      ['src/binary.js', 'File holds binary content (NUL bytes); it was not analysed.'],
      ['src/huge.ts', expect.stringContaining('above the 1.5 MB limit')],
      ['src/latin1.ts', 'File is not valid UTF-8; it was not analysed.'],
      ['src/syntax.ts', 'Syntax error'],
    ]);
    expect(result.findings.find((finding) => finding.file === 'src/syntax.ts')?.line).toBeGreaterThanOrEqual(1);
    expect(result.graph.edges).toContainEqual(expect.objectContaining({ from: 'src/ok.ts', to: 'src/helper.ts', kind: 'import' }));
    expect(result.graph.modules.map((node) => node.id)).not.toContain('src/nested/loop/ok.ts');
  });

  it('analyses an empty directory to an empty, valid result', async () => {
    const result = await analyze({ root: makeRepo({}), cache: false });
    expect(result.findings).toEqual([]);
    expect(result.stats.files).toBe(0);
    expect(result.context.shape).toBe('flat');
  });

  it('rejects a path that is not a directory with a coded error', async () => {
    const root = makeRepo({ 'file.ts': 'export {};\n' });
    await expect(analyze({ root: path.join(root, 'file.ts'), cache: false })).rejects.toMatchObject({ code: 'ROOT_NOT_DIRECTORY' });
    await expect(analyze({ root: path.join(root, 'nope'), cache: false })).rejects.toBeInstanceOf(StrataError);
  });
});
