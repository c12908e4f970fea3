import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'sync-io-in-request';

describe('sync-io-in-request', () => {
  it('fires on a sync read two calls below an Express handler, naming the mounted route and tracing the path', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { orders } from './routes/orders';\nconst app = express();\napp.use('/api/orders', orders);\nexport default app;\n`,
        'src/routes/orders.ts': `import { Router } from 'express';\nimport { OrderController } from '../controllers/order.controller';\nconst controller = new OrderController();\nexport const orders = Router();\norders.get('/:id/invoice', controller.invoice);\n`,
        'src/controllers/order.controller.ts': `import { render } from '../services/render';\nexport class OrderController {\n  invoice = async (req, res) => {\n    res.send(render(req.params.id));\n  };\n}\n`,
        'src/services/render.ts': `import fs from 'node:fs';\nexport function render(id: string) {\n  return fs.readFileSync('/templates/' + id, 'utf8');\n}\n`,
      },
    });
    expect(lines).toEqual(['src/services/render.ts:3:10 `fs.readFileSync` blocks the event loop while serving GET /api/orders/:id/invoice. [GET /api/orders/:id/invoice]']);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/routes/orders.ts:5 GET /api/orders/:id/invoice is handled by OrderController.invoice',
      'src/controllers/order.controller.ts:4 calls render',
      'src/services/render.ts:3 calls fs.readFileSync',
    ]);
  });

  it('fires on a CommonJS Express app with require and module.exports', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'legacy', dependencies: EXPRESS }),
        'app.js': `const express = require('express');\nconst users = require('./routes/users');\nconst app = express();\napp.use('/users', users);\n`,
        'routes/users.js': `const express = require('express');\nconst { execSync } = require('child_process');\nconst router = express.Router();\nrouter.get('/disk', function (req, res) {\n  res.send(execSync('df -h').toString());\n});\nmodule.exports = router;\n`,
      },
    });
    expect(lines).toEqual(['routes/users.js:5:12 `child_process.execSync` blocks the event loop while serving GET /users/disk. [GET /users/disk]']);
  });

  it('fires inside a Fastify plugin registered with a prefix', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport reports from './reports';\nconst app = Fastify();\napp.register(reports, { prefix: '/reports' });\n`,
        'src/reports.ts': `import type { FastifyInstance } from 'fastify';\nimport { gzipSync } from 'node:zlib';\nexport default async function reports(app: FastifyInstance) {\n  app.get('/:id', async (request) => gzipSync(JSON.stringify(request.params)));\n}\n`,
      },
    });
    expect(lines).toEqual(['src/reports.ts:4:38 `zlib.gzipSync` blocks the event loop while serving GET /reports/:id. [GET /reports/:id]']);
  });

  it('fires in a NestJS service injected by type into a controller', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users/users.controller';\nimport { UsersService } from './users/users.service';\n@Module({ controllers: [UsersController], providers: [UsersService] })\nexport class AppModule {}\n`,
        'src/users/users.controller.ts': `import { Controller, Post, Body } from '@nestjs/common';\nimport { UsersService } from './users.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Post()\n  create(@Body() body: { password: string }) {\n    return this.users.create(body.password);\n  }\n}\n`,
        'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';\nimport { pbkdf2Sync, randomBytes } from 'node:crypto';\n@Injectable()\nexport class UsersService {\n  create(password: string) {\n    return pbkdf2Sync(password, randomBytes(16), 600000, 32, 'sha256');\n  }\n}\n`,
      },
    });
    expect(lines).toEqual(['src/users/users.service.ts:6:12 `crypto.pbkdf2Sync` blocks the event loop while serving POST /api/users. [POST /api/users]']);
  });

  it('fires below a handler wrapped by a catchAsync-style helper, following the wrapped function', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'wrapped', dependencies: EXPRESS }),
        'src/app.js': `const express = require('express');\nconst { exportCsv } = require('./controllers/reports');\nconst app = express();\napp.get('/reports.csv', exportCsv);\n`,
        'src/utils/catchAsync.js': `module.exports = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);\n`,
        'src/controllers/reports.js': `const fs = require('fs');\nconst catchAsync = require('../utils/catchAsync');\nconst exportCsv = catchAsync(async (req, res) => {\n  res.send(fs.readFileSync('/var/reports/latest.csv'));\n});\nmodule.exports = { exportCsv };\n`,
      },
    });
    expect(lines).toEqual(['src/controllers/reports.js:4:12 `fs.readFileSync` blocks the event loop while serving GET /reports.csv. [GET /reports.csv]']);
  });

  it('stays quiet on the asynchronous API, on sync reads at start-up, and on code no route reaches', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { readFileSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nconst certificate = readFileSync('/etc/cert.pem');\nconst app = express();\napp.get('/report', async (req, res) => {\n  res.send(await readFile('/var/report.txt', 'utf8'));\n});\nexport { app, certificate };\n`,
        'src/scripts/export.ts': `import { writeFileSync } from 'node:fs';\nexport function exportAll(rows: string[]) {\n  writeFileSync('/tmp/out.csv', rows.join('\\n'));\n}\n`,
        'test/app.test.ts': `import { readFileSync } from 'node:fs';\nimport express from 'express';\nconst app = express();\napp.get('/fixture', (req, res) => res.send(readFileSync('fixture.json')));\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet when a shadowing local named like a sync call is what the handler calls', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { readFileSync } from 'node:fs';\nconst app = express();\napp.get('/x', (req, res) => {\n  const readFileSync = (name: string) => name.toUpperCase();\n  res.send(readFileSync('x'));\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });
  it('stays quiet on a read memoised in a module-level variable (or a per-key cache object) the same function assigns', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { sign } from './signing';\nconst app = express();\napp.post('/receipts', (req, res) => {\n  res.send(sign(JSON.stringify(req.body)));\n});\n`,
        'src/signing.ts': `import { readFileSync } from 'node:fs';\nimport { createHmac } from 'node:crypto';\nlet secret: string | undefined;\nfunction signingSecret() {\n  if (!secret) {\n    secret = process.env.RECEIPT_SECRET || readFileSync('receipt.secret', 'utf8');\n  }\n  return secret;\n}\nlet template: string | null = null;\nfunction receiptTemplate() {\n  if (template) return template;\n  template = readFileSync('receipt.txt', 'utf8');\n  return template;\n}\nconst footers: Record<string, string> = {};\nfunction footer(locale: string) {\n  if (footers[locale]) {\n    return footers[locale];\n  }\n  footers[locale] = readFileSync('footer.' + locale + '.txt', 'utf8');\n  return footers[locale];\n}\nexport function sign(text: string) {\n  return createHmac('sha256', signingSecret()).update(receiptTemplate() + text + footer('en')).digest('hex');\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on set-up behind a once-flag that the called function sets (CommonJS)', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'uploads', dependencies: EXPRESS }),
        'app.js': `const express = require('express');\nconst uploads = require('./controllers/uploads');\nconst app = express();\napp.post('/uploads', uploads.store);\n`,
        'controllers/uploads.js': `const fs = require('fs');\nlet workdirReady = false;\nfunction prepareWorkdir() {\n  fs.mkdirSync('/var/uploads/tmp', { recursive: true });\n  fs.writeFileSync('/var/uploads/tmp/.keep', '');\n  workdirReady = true;\n}\nexports.store = async (req, res) => {\n  if (!workdirReady) prepareWorkdir();\n  res.sendStatus(202);\n};\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('fires when the guard tests a module-level variable nothing on the path assigns', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { readFileSync } from 'node:fs';\nconst verbose = process.env.VERBOSE === '1';\nconst app = express();\napp.get('/log', (req, res) => {\n  if (verbose) {\n    res.send(readFileSync('/var/log/app.log', 'utf8'));\n  }\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:7:14 `fs.readFileSync` blocks the event loop while serving GET /log. [GET /log]']);
  });

  it('fires on metadata calls (existsSync, mkdirSync, unlinkSync) as a notice, and on the content write as a warning', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport fs from 'node:fs';\nconst app = express();\napp.post('/avatars/:id', (req, res) => {\n  const dir = '/var/avatars/' + req.params.id;\n  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });\n  fs.writeFileSync(dir + '/avatar.png', req.body);\n  fs.unlinkSync(dir + '/old.png');\n  res.sendStatus(204);\n});\n`,
      },
    });
    const notice = (name: string) => `\`fs.${name}\` blocks the event loop while serving POST /avatars/:id: a metadata call, usually microseconds on a local disk, so a notice rather than a warning (it is slow on a network file system or a large directory). [POST /avatars/:id]`;
    expect(lines).toEqual([
      'src/app.ts:7:3 `fs.writeFileSync` blocks the event loop while serving POST /avatars/:id. [POST /avatars/:id]',
      `src/app.ts:6:8 ${notice('existsSync')}`,
      `src/app.ts:6:28 ${notice('mkdirSync')}`,
      `src/app.ts:8:3 ${notice('unlinkSync')}`,
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'info', 'info', 'info']);
  });
});
