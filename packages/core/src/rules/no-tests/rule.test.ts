import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'no-tests';
const EXPRESS_APP = { 'src/app.js': `const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\napp.post('/orders', (req, res) => res.sendStatus(201));\napp.listen(3000);\n` };
const FASTIFY_APP = { 'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/items', async () => []);\nawait app.listen({ port: 3000 });\n` };
const NEST_APP = {
  'src/app.controller.ts': `import { Controller, Get } from '@nestjs/common';\n@Controller('items')\nexport class AppController {\n  @Get()\n  list() {\n    return [];\n  }\n}\n`,
  'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { AppController } from './app.controller';\n@Module({ controllers: [AppController] })\nexport class AppModule {}\n`,
};

describe('no-tests', () => {
  it('fires on an Express service whose test script is the npm placeholder, on a Fastify service with Jest and no test file, and on a NestJS service with neither', async () => {
    const express = await runRule(RULE, { files: { ...EXPRESS_APP, 'package.json': JSON.stringify({ name: 'svc', scripts: { test: 'echo "Error: no test specified" && exit 1' }, dependencies: EXPRESS }) } });
    expect(express.lines).toEqual(["package.json:1:1 The HTTP service (2 routes) has no tests: its `test` script is still npm's placeholder."]);
    expect(express.findings[0]!.severity).toBe('warn');
    const fastify = await runRule(RULE, { files: { ...FASTIFY_APP, 'package.json': JSON.stringify({ name: 'svc', scripts: { test: 'jest' }, dependencies: FASTIFY, devDependencies: { jest: '^29.0.0' } }) } });
    expect(fastify.lines).toEqual(['package.json:1:1 The HTTP service (1 route) has no tests: Jest is installed but no test file exists.']);
    const nest = await runRule(RULE, { dependencies: NEST, files: NEST_APP });
    expect(nest.lines).toEqual(['package.json:1:1 The HTTP service (1 route) has no tests: no test runner and no test file.']);
  });

  it('stays quiet with test files anywhere (a spec beside the code, a test/ folder, tests the config leaves out of the review), and on a library or a CLI', async () => {
    const spec = await runRule(RULE, { dependencies: NEST, files: { ...NEST_APP, 'src/app.controller.spec.ts': `describe('AppController', () => { it('lists', () => {}); });\n` } });
    expect(spec.lines).toEqual([]);
    const folder = await runRule(RULE, { dependencies: EXPRESS, files: { ...EXPRESS_APP, 'test/orders.js': `const test = require('node:test');\ntest('lists', () => {});\n` } });
    expect(folder.lines).toEqual([]);
    const ignored = await runRule(RULE, { dependencies: FASTIFY, files: { ...FASTIFY_APP, 'test/items.test.ts': `import { test } from 'vitest';\ntest('items', () => {});\n`, 'strata.config.json': JSON.stringify({ ignore: ['test/**'] }) } });
    expect(ignored.lines).toEqual([]);
    const library = await runRule(RULE, { dependencies: {}, files: { 'src/index.ts': 'export const add = (a: number, b: number) => a + b;\n' } });
    expect(library.lines).toEqual([]);
    const cli = await runRule(RULE, { files: { ...EXPRESS_APP, 'package.json': JSON.stringify({ name: 'tool', bin: 'src/app.js', dependencies: EXPRESS }) } });
    expect(cli.lines).toEqual([]);
  });
});
