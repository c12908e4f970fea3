import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'code-injection';

describe('code-injection', () => {
  it('fires on eval of a query value in an Express route and on a shell command a service builds from the body, with the trace', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/network.ts': `import { exec } from 'node:child_process';\nexport function ping(host: string) {\n  return new Promise((resolve) => exec(\`ping -c 1 \${host}\`, (error, stdout) => resolve(stdout)));\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { ping } from './network';\nconst app = express();\napp.get('/calc', (req, res) => {\n  res.json({ result: eval(String(req.query.expr)) });\n});\napp.post('/diagnostics/ping', async (req, res) => {\n  const target = req.body.host || 'localhost';\n  res.send(await ping(target));\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:5:22 `eval` runs code built from `req.query.expr` while serving GET /calc: the client chooses what the server executes. [GET /calc]',
      'src/network.ts:3:35 `child_process.exec` runs a shell command built from `req.body.host` while serving POST /diagnostics/ping: the client chooses what the server executes. [POST /diagnostics/ping]',
    ]);
    expect(findings[1]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:7 POST /diagnostics/ping is handled by <anonymous>',
      'src/app.ts:9 calls ping',
      'src/network.ts:3 calls exec',
    ]);
  });

  it('fires on new Function over a NestJS @Body() field and on a vm sandbox whose literal code evaluates a member holding request data (Fastify)', async () => {
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { RulesController } from './rules.controller';\n@Module({ controllers: [RulesController] })\nexport class AppModule {}\n`,
        'src/rules.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\n@Controller('rules')\nexport class RulesController {\n  @Post('preview')\n  preview(@Body() body: { formula: string; input: number }) {\n    const compute = new Function('input', 'return ' + body.formula);\n    return { value: compute(body.input) };\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual(['src/rules.controller.ts:6:21 `new Function` runs code built from `body.formula` while serving POST /rules/preview: the client chooses what the server executes. [POST /rules/preview]']);
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, notevil: '^1.3.3' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport vm from 'node:vm';\nimport safeEval from 'notevil';\nconst app = Fastify();\napp.post('/orders', async ({ body }) => {\n  const lines = (body as { lines: string }).lines;\n  const sandbox = { safeEval, lines };\n  vm.createContext(sandbox);\n  return { total: vm.runInContext('safeEval(lines)', sandbox, { timeout: 1000 }) };\n});\n`,
      },
    });
    expect(fastify.lines).toEqual(['src/app.ts:9:19 `vm.runInContext` runs code built from `body.lines` while serving POST /orders: the client chooses what the server executes. [POST /orders]']);
  });

  it('stays quiet on code the server writes, programs run without a shell, literal Function bodies and code no route reaches', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'scripts/build.ts': `import { execSync } from 'node:child_process';\nexport const build = (target: string) => execSync('npm run build -- ' + target);\n`,
        'src/app.ts': `import express from 'express';\nimport { execFile, spawn } from 'node:child_process';\nconst app = express();\nconst dynamicImport = new Function('specifier', 'return import(specifier)');\napp.get('/captcha', (req, res) => {\n  const expression = Math.floor(Math.random() * 10) + '*' + Math.floor(Math.random() * 10);\n  res.json({ expression, answer: eval(expression) });\n});\napp.post('/convert', (req, res) => {\n  execFile('convert', [req.body.input, 'out.png'], () => res.sendStatus(204));\n  spawn('gzip', ['-k', req.body.file], { shell: false });\n});\napp.get('/plugins/:name', async (req, res) => {\n  res.json(Object.keys(await dynamicImport('./plugins/' + Number(req.params.name) + '.js')));\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
