import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeRepo } from './helpers/temp-repo.js';

// Counts the reads, and still reads: the options must come from the real files.
vi.mock('../src/project/json.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/project/json.js')>();
  return { ...original, readJsonFile: vi.fn(original.readJsonFile) };
});

const { readJsonFile } = await import('../src/project/json.js');
const { compilerOption, compilerOptions } = await import('../src/project/tsconfig.js');

describe('compiler options through extends', () => {
  // tsconfig.json extends two bases (the later wins), one of which extends a third.
  const root = makeRepo({
    'tsconfig.json': '{ "extends": ["./config/a.json", "./config/b.json"], "compilerOptions": { "strict": true } }',
    'config/a.json': '{ "compilerOptions": { "module": "commonjs", "target": "es2019", "emitDecoratorMetadata": true } }',
    'config/b.json': '{ "extends": "./root.json", "compilerOptions": { "module": "nodenext" } }',
    'config/root.json': '// JSONC\n{ "compilerOptions": { "target": "es2022", "verbatimModuleSyntax": false, "baseUrl": null } }',
  });
  const file = path.join(root, 'tsconfig.json');
  const names = ['strict', 'module', 'target', 'emitDecoratorMetadata', 'verbatimModuleSyntax', 'baseUrl', 'paths'];

  it('give each option the value asking for it alone gives', async () => {
    const together = await compilerOptions(file, names, root);
    const alone = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await compilerOption(file, name, root)])));
    expect(together).toEqual({ strict: true, module: 'nodenext', target: 'es2022', emitDecoratorMetadata: true, verbatimModuleSyntax: false, baseUrl: null });
    expect({ ...together, paths: undefined }).toEqual(alone);
  });

  it('read each config of the chain once for all the options asked', async () => {
    vi.mocked(readJsonFile).mockClear();
    await compilerOptions(file, names, root);
    const reads = vi.mocked(readJsonFile).mock.calls.map(([read]) => path.relative(root, read));
    expect(reads.sort()).toEqual(['config/a.json', 'config/b.json', 'config/root.json', 'tsconfig.json']);
  });
});
