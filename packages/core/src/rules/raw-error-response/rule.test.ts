import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'raw-error-response';

describe('raw-error-response', () => {
  it('fires on a stack and a raw error object sent from catch clauses of Express handlers, naming the routes', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { orders } from './orders';\nconst app = express();\napp.use('/api/orders', orders);\n`,
        'src/orders.ts': `import { Router } from 'express';\nimport { createOrder, listOrders } from './service';\nexport const orders = Router();\norders.post('/', async (req, res) => {\n  try {\n    res.status(201).json(await createOrder(req.body));\n  } catch (err) {\n    res.status(500).json({ error: 'failed', stack: err.stack });\n  }\n});\norders.get('/', async (req, res) => {\n  try {\n    res.json(await listOrders());\n  } catch (error) {\n    res.status(500).send(error);\n  }\n});\n`,
        'src/service.ts': `export async function createOrder(body: unknown) { return body; }\nexport async function listOrders() { return []; }\n`,
      },
    });
    expect(lines).toEqual([
      "src/orders.ts:8:5 `res.status(…).json` sends the caught error's stack to the client in POST /api/orders. [POST /api/orders]",
      'src/orders.ts:15:5 `res.status(…).send` sends the caught error object to the client in GET /api/orders. [GET /api/orders]',
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'error']);
  });

  it('fires on an unexpected error message sent with a 500 or the default status, at warn, in a promise catch callback too', async () => {
    const { lines, findings } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'legacy', dependencies: EXPRESS }),
        'app.js': `const express = require('express');\nconst db = require('./db');\nconst app = express();\napp.get('/users', function (req, res) {\n  db.query('select * from users')\n    .then((rows) => res.json(rows))\n    .catch((err) => res.status(500).json({ message: err.message }));\n});\napp.get('/health', async (req, res) => {\n  try {\n    await db.query('select 1');\n    res.send('ok');\n  } catch (e) {\n    const reason = e.message;\n    res.json({ ok: false, reason });\n  }\n});\n`,
        'db.js': `module.exports = { query: async (sql) => [sql] };\n`,
      },
    });
    expect(lines).toEqual([
      "app.js:7:21 `res.status(…).json` sends the caught error's message to the client in GET /users. [GET /users]",
      "app.js:15:5 `res.json` sends the caught error's message to the client in GET /health. [GET /health]",
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'warn']);
  });

  it('fires on an error turned to text with String() or toString() (message, warn) and serialised with JSON.stringify (object, error)', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { render } from './render';\nconst app = express();\napp.get('/a', async (req, res) => {\n  try {\n    res.send(await render());\n  } catch (err) {\n    res.status(500).send(String(err));\n  }\n});\napp.get('/b', async (req, res) => {\n  try {\n    res.send(await render());\n  } catch (err) {\n    res.status(502).end(err.toString());\n  }\n});\napp.get('/c', async (req, res) => {\n  try {\n    res.send(await render());\n  } catch (err) {\n    res.status(500).send(JSON.stringify({ failure: err }));\n  }\n});\n`,
        'src/render.ts': `export async function render() { return 'x'; }\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:22:5 `res.status(…).send` sends the caught error object to the client in GET /c. [GET /c]',
      "src/app.ts:8:5 `res.status(…).send` sends the caught error's message to the client in GET /a. [GET /a]",
      "src/app.ts:15:5 `res.status(…).end` sends the caught error's message to the client in GET /b. [GET /b]",
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'warn', 'warn']);
  });

  it('fires on an error passed through a project helper that returns its message or stack', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { errorMessage, describe, code } from './errors';\nimport { render } from './render';\nconst app = express();\napp.get('/a', async (req, res) => {\n  try {\n    res.send(await render());\n  } catch (error) {\n    res.status(500).json({ error: errorMessage(error) });\n  }\n});\napp.get('/b', async (req, res) => {\n  try {\n    res.send(await render());\n  } catch (error) {\n    res.status(500).json(describe(error));\n  }\n});\napp.get('/c', async (req, res) => {\n  try {\n    res.send(await render());\n  } catch (error) {\n    res.status(500).json({ code: code(error) });\n  }\n});\n`,
        'src/errors.ts': `export const errorMessage = (error: unknown) => {\n  if (error instanceof Error) return error.message;\n  return String(error);\n};\nexport function describe(error: { stack?: string }) {\n  return error.stack;\n}\nexport function code(error: unknown) {\n  return error instanceof Error ? 'FAILED' : 'UNKNOWN';\n}\n`,
        'src/render.ts': `export async function render() { return 'x'; }\n`,
      },
    });
    expect(lines).toEqual([
      "src/app.ts:16:5 `res.status(…).json` sends the caught error's stack to the client in GET /b. [GET /b]",
      "src/app.ts:9:5 `res.status(…).json` sends the caught error's message to the client in GET /a. [GET /a]",
    ]);
  });

  it('fires on an Express error middleware that sends the stack or the whole error', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express, { type NextFunction, type Request, type Response } from 'express';\nconst app = express();\napp.use((err: Error, req: Request, res: Response, next: NextFunction) => {\n  res.status(500).json({ message: err.message, stack: err.stack });\n});\napp.use(function lastResort(err, req, res, next) {\n  res.send(err);\n});\n`,
      },
    });
    expect(lines).toEqual([
      "src/app.ts:4:3 `res.status(…).json` sends the caught error's stack to the client from the error middleware.",
      'src/app.ts:7:3 `res.send` sends the caught error object to the client from the error middleware.',
    ]);
  });

  it('fires on a Fastify handler sending a stack with reply.code(500).send', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport reports from './reports';\nconst app = Fastify();\napp.register(reports, { prefix: '/reports' });\n`,
        'src/reports.ts': `import type { FastifyInstance } from 'fastify';\nimport { build } from './build';\nexport default async function reports(app: FastifyInstance) {\n  app.get('/:id', async (request, reply) => {\n    try {\n      return await build();\n    } catch (err) {\n      return reply.code(500).send({ error: String(err), trace: err.stack });\n    }\n  });\n}\n`,
        'src/build.ts': `export async function build() { return {}; }\n`,
      },
    });
    expect(lines).toEqual(["src/reports.ts:8:14 `reply.code(…).send` sends the caught error's stack to the client in GET /reports/:id. [GET /reports/:id]"]);
  });

  it('fires in a NestJS controller that writes the caught error through @Res()', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, express: '^4.21.0' },
      files: {
        'src/users.controller.ts': `import { Controller, Get, Res } from '@nestjs/common';\nimport type { Response } from 'express';\nimport { UsersService } from './users.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Get()\n  async list(@Res() res: Response) {\n    try {\n      res.json(await this.users.list());\n    } catch (error) {\n      res.status(500).json(error);\n    }\n  }\n}\n`,
        'src/users.service.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class UsersService {\n  async list() { return []; }\n}\n`,
      },
    });
    expect(lines).toEqual(['src/users.controller.ts:12:7 `res.status(…).json` sends the caught error object to the client in GET /users. [GET /users]']);
  });

  it('stays quiet on logging, a generic body, a 4xx message the code chose, a computed status and the central handler sending a message', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { logger } from './logger';\nimport { parse, save } from './service';\nconst app = express();\napp.post('/items', async (req, res) => {\n  try {\n    res.status(201).json(await save(parse(req.body)));\n  } catch (err) {\n    logger.error(err);\n    console.error(err.stack);\n    res.status(500).json({ error: 'internal', requestId: req.id });\n  }\n});\napp.post('/items/check', async (req, res) => {\n  try {\n    res.json(parse(req.body));\n  } catch (err) {\n    res.status(400).json({ error: err.message });\n  }\n});\napp.post('/items/other', async (req, res, next) => {\n  try {\n    res.json(await save(req.body));\n  } catch (err) {\n    if (err.status) return res.status(err.status).json({ error: err.message });\n    next(err);\n  }\n});\napp.use((err, req, res, next) => {\n  logger.error({ err }, 'request failed');\n  const status = err.status ?? 500;\n  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });\n});\n`,
        'src/logger.ts': `export const logger = { error: (...args: unknown[]) => args };\n`,
        'src/service.ts': `export function parse(body: unknown) { return body; }\nexport async function save(item: unknown) { return item; }\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a Fastify error handler, a stack shown only in development, and an error handed to reply.send', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\nconst dev = process.env.NODE_ENV === 'development';\napp.setErrorHandler((error, request, reply) => {\n  request.log.error(error);\n  reply.status(error.statusCode ?? 500).send({ code: error.code ?? 'INTERNAL', ...(dev ? { stack: error.stack } : {}) });\n});\napp.get('/x', async (request, reply) => {\n  try {\n    return await Promise.resolve(1);\n  } catch (err) {\n    request.log.error(err);\n    return reply.code(503).send({ error: 'unavailable' });\n  }\n});\napp.decorate('authenticate', async function (request, reply) {\n  try {\n    await request.jwtVerify();\n  } catch (err) {\n    reply.send(err);\n  }\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet when the caught error goes to something other than the response, and in tests', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { queue } from './queue';\nconst app = express();\napp.post('/jobs', async (req, res) => {\n  try {\n    await queue.send(req.body);\n    res.sendStatus(202);\n  } catch (err) {\n    await queue.send({ failed: err.stack });\n    res.status(500).json({ error: 'queue unavailable' });\n  }\n});\n`,
        'src/queue.ts': `export const queue = { send: async (message: unknown) => message };\n`,
        'test/app.test.ts': `import express from 'express';\nconst app = express();\napp.get('/boom', (req, res) => {\n  try { throw new Error('x'); } catch (err) { res.status(500).send(err.stack); }\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
