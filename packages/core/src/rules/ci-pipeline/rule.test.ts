import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'ci-pipeline';
const EXPRESS_APP = {
  'src/app.js': `const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\napp.listen(3000);\n`,
  'test/orders.test.js': `test('lists orders', () => {});\n`,
};
const FASTIFY_APP = {
  'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/items', async () => []);\nawait app.listen({ port: 3000 });\n`,
  'src/items.test.ts': `import { test } from 'vitest';\ntest('items', () => {});\n`,
};
const NEST_APP = {
  'src/app.controller.ts': `import { Controller, Get } from '@nestjs/common';\n@Controller('items')\nexport class AppController {\n  @Get()\n  list() {\n    return [];\n  }\n}\n`,
  'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { AppController } from './app.controller';\n@Module({ controllers: [AppController] })\nexport class AppModule {}\n`,
  'src/app.controller.spec.ts': `describe('AppController', () => { it('lists', () => {}); });\n`,
};
const manifest = (scripts: Record<string, string>, dependencies: Record<string, string>) => JSON.stringify({ name: 'svc', scripts, dependencies });
const workflow = (steps: string) => `name: ci\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

describe('ci-pipeline', () => {
  it('fires on an Express service whose only workflow installs and builds, and on a NestJS GitLab pipeline that lints', async () => {
    const express = await runRule(RULE, {
      files: { ...EXPRESS_APP, 'package.json': manifest({ build: 'tsc', test: 'jest' }, EXPRESS), '.github/workflows/build.yml': workflow('      - run: npm ci\n      - run: npm run build\n') },
    });
    expect(express.lines).toEqual(['.github/workflows/build.yml:1:1 The CI workflow (.github/workflows/build.yml) does not run the tests: no pipeline step runs the 1 test file of the repository.']);
    expect(express.findings[0]!.severity).toBe('warn');
    const nest = await runRule(RULE, {
      files: { ...NEST_APP, 'package.json': manifest({ lint: 'eslint .', test: 'jest' }, NEST), '.gitlab-ci.yml': 'stages: [lint]\nlint:\n  image: node:20\n  script:\n    - npm ci\n    - npm run lint\n' },
    });
    expect(nest.lines).toEqual(['.gitlab-ci.yml:1:1 The CI workflow (.gitlab-ci.yml) does not run the tests: no pipeline step runs the 1 test file of the repository.']);
  });

  it('fires as a notice on a Fastify service with no CI configuration at all', async () => {
    const { lines, findings } = await runRule(RULE, { dependencies: FASTIFY, files: FASTIFY_APP });
    expect(lines).toEqual(['package.json:1:1 No CI configuration in the repository (GitHub Actions, GitLab CI, CircleCI, Jenkins, Azure, Bitbucket, Travis): nothing shown here runs the tests or the build on a change.']);
    expect(findings[0]!.severity).toBe('info');
  });

  it('stays quiet when a step runs the tests: npm test, a script that runs them, a GitLab list, a CircleCI orb job, Travis by default, a template _github folder', async () => {
    const cases: Record<string, string>[] = [
      { '.github/workflows/ci.yml': workflow('      - run: npm ci\n      - run: |\n          npm run lint\n          npm test\n') },
      { '.github/workflows/ci.yml': workflow('      - run: npm run verify\n') },
      { '.gitlab-ci.yml': 'test:\n  script:\n    - npm ci\n    - npm run test:unit\n' },
      { '.circleci/config.yml': 'version: 2.1\norbs:\n  node: circleci/node@5\nworkflows:\n  main:\n    jobs:\n      - node/test\n' },
      { '.travis.yml': 'language: node_js\nnode_js:\n  - 20\n' },
      { '_github/workflows/ci.yml': workflow('      - run: npm test\n') },
      { '.github/workflows/ci.yml': workflow('      - run: make check\n') },
    ];
    for (const files of cases) {
      const { lines } = await runRule(RULE, { files: { ...EXPRESS_APP, ...files, 'package.json': manifest({ verify: 'npm run lint && jest', test: 'jest' }, EXPRESS) } });
      expect(lines, Object.keys(files)[0]).toEqual([]);
    }
  });

  it('stays quiet on a library or a CLI without CI, and when the repository has no tests (no-tests says so)', async () => {
    const library = await runRule(RULE, { dependencies: {}, files: { 'src/index.ts': 'export const add = (a: number, b: number) => a + b;\n' } });
    expect(library.lines).toEqual([]);
    const cli = await runRule(RULE, { files: { ...EXPRESS_APP, 'package.json': JSON.stringify({ name: 'tool', bin: 'src/app.js', dependencies: EXPRESS }) } });
    expect(cli.lines).toEqual([]);
    const untested = await runRule(RULE, { dependencies: EXPRESS, files: { 'src/app.js': EXPRESS_APP['src/app.js'], '.github/workflows/build.yml': workflow('      - run: npm run build\n') } });
    expect(untested.lines).toEqual([]);
  });

  it('never crashes on malformed or binary workflow files', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { ...EXPRESS_APP, '.github/workflows/a.yml': 'jobs: [\n  - run: |\n\0\0\n  script:\n- - -\n', '.github/workflows/b.yml': `run: ${'x'.repeat(400_000)}\n`, '.gitlab-ci.yml': '\0\u0001\u0002' },
    });
    expect(lines).toEqual(['.github/workflows/a.yml:1:1 None of the 3 CI workflows (.github/workflows/a.yml, .github/workflows/b.yml, .gitlab-ci.yml) runs the tests: no pipeline step runs the 1 test file of the repository.']);
  });
});
