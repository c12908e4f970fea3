import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/project/discover.js';
import { makeRepo } from './helpers/temp-repo.js';

const tree = {
  '.gitignore': 'secrets/\n*.local.ts\n/scratch.ts\n!keep.local.ts\n',
  'src/app.ts': 'export {};\n',
  'src/legacy.cjs': 'module.exports = {};\n',
  'src/view.tsx': 'export {};\n',
  'src/types.d.ts': 'export {};\n',
  'src/dev.local.ts': 'export {};\n',
  'src/keep.local.ts': 'export {};\n',
  'src/nested/scratch.ts': 'export {};\n',
  'scratch.ts': 'export {};\n',
  'secrets/key.ts': 'export {};\n',
  'node_modules/pkg/index.js': 'module.exports = {};\n',
  'dist/app.js': 'export {};\n',
  'coverage/lcov.js': 'export {};\n',
  'vendor/lib.js': 'export {};\n',
  'src/__generated__/schema.ts': 'export {};\n',
  'public/app.min.js': 'export {};\n',
  'README.md': '# x\n',
};
const expected = ['src/app.ts', 'src/keep.local.ts', 'src/legacy.cjs', 'src/nested/scratch.ts', 'src/view.tsx'];

describe('discovery', () => {
  it.each([
    ['inside git (git answers, untracked files included)', true],
    ['outside git (.gitignore applied by the walk)', false],
  ])('%s', async (_label, git) => {
    const root = makeRepo(tree, { git });
    const discovery = await discoverFiles(root);
    expect(discovery.via).toBe(git ? 'git' : 'walk');
    expect(discovery.sourceFiles.map((file) => file.slice(root.length + 1))).toEqual(expected);
    expect(discovery.allFiles).toContain('README.md');
    expect(discovery.allFiles).not.toContain('node_modules/pkg/index.js');
  });

  it('asks git for a folder inside a checkout, whose .git is further up', async () => {
    const root = makeRepo({ 'services/api/src/a.ts': 'export const a = 1;\n', 'services/web/src/b.ts': 'export const b = 1;\n' }, { git: true });
    const discovery = await discoverFiles(`${root}/services/api`);
    expect(discovery.via).toBe('git');
    expect(discovery.sourceFiles.map((file) => file.slice(root.length + 1))).toEqual(['services/api/src/a.ts']);
  });

  it('walks the .git folder itself, where git has no work tree to list', async () => {
    const root = makeRepo({ 'src/a.ts': 'export const a = 1;\n' }, { git: true });
    expect((await discoverFiles(`${root}/.git`)).via).toBe('walk');
  });

  it('walks a folder that git ignores when it is the folder asked for', async () => {
    const root = makeRepo({ '.gitignore': 'generated-service/\n', 'generated-service/src/a.ts': "import { b } from './b.js';\nexport const a = b;\n", 'generated-service/src/b.ts': 'export const b = 1;\n' }, { git: true });
    const discovery = await discoverFiles(`${root}/generated-service`);
    expect(discovery.via).toBe('walk');
    expect(discovery.sourceFiles.map((file) => file.slice(root.length + 1))).toEqual(['generated-service/src/a.ts', 'generated-service/src/b.ts']);
  });
});
