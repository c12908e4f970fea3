import { describe, expect, it } from 'vitest';
import { EXPRESS, EXPRESS_5, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'async-handler-error-leak';

const orderFiles = {
  'src/app.ts': `import express from 'express';\nimport { orders } from './routes/orders';\nconst app = express();\napp.use('/api/orders', orders);\nexport default app;\n`,
  'src/routes/orders.ts': `import { Router } from 'express';\nimport { OrderController } from '../controllers/order.controller';\nimport { loadAccount } from '../middleware/account';\nconst controller = new OrderController();\nexport const orders = Router();\norders.post('/', loadAccount, controller.create);\norders.get('/:id', loadAccount, controller.show);\n`,
  'src/controllers/order.controller.ts': `import type { Request, Response } from 'express';\nimport { OrderService } from '../services/order.service';\nconst service = new OrderService();\nexport class OrderController {\n  create = async (req: Request, res: Response) => {\n    const order = await service.create(req.body);\n    res.status(201).json(order);\n  };\n  show = async (req: Request, res: Response, next: (err?: unknown) => void) => {\n    try {\n      res.json(await service.find(req.params.id));\n    } catch (err) {\n      next(err);\n    }\n  };\n}\n`,
  'src/middleware/account.ts': `import type { NextFunction, Request, Response } from 'express';\nimport { accounts } from '../services/accounts';\nexport async function loadAccount(req: Request, res: Response, next: NextFunction) {\n  res.locals.account = await accounts.byToken(req.headers.authorization);\n  next();\n}\n`,
  'src/services/order.service.ts': `export class OrderService {\n  async create(input: unknown) { return input; }\n  async find(id: string) { return { id }; }\n}\n`,
  'src/services/accounts.ts': `export const accounts = { byToken: async (token?: string) => ({ token }) };\n`,
};

describe('async-handler-error-leak', () => {
  it('fires on an async Express 4 controller method and an async route middleware with unguarded awaits, naming the routes', async () => {
    const { lines } = await runRule(RULE, { dependencies: EXPRESS, files: orderFiles });
    expect(lines).toEqual([
      'src/controllers/order.controller.ts:5:12 Async handler `OrderController.create` of POST /api/orders awaits `service.create` (line 6) outside a try/catch and has no wrapper: on Express 4 a rejection never reaches the error handler and the request hangs. [POST /api/orders]',
      'src/middleware/account.ts:3:8 Async middleware `loadAccount` of POST /api/orders (and 1 other route) awaits `accounts.byToken` (line 4) outside a try/catch and has no wrapper: on Express 4 a rejection never reaches the error handler and the request hangs. [POST /api/orders]',
    ]);
  });

  it('fires on CommonJS Express 4 application middleware registered with app.use', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'legacy', dependencies: EXPRESS }),
        'app.js': `const express = require('express');\nconst sessions = require('./sessions');\nconst app = express();\napp.use(async function session(req, res, next) {\n  req.session = await sessions.load(req.headers.cookie);\n  next();\n});\napp.get('/', (req, res) => res.send('ok'));\n`,
        'sessions.js': `module.exports = { load: async (cookie) => ({ cookie }) };\n`,
      },
    });
    expect(lines).toEqual(['app.js:4:9 Async middleware `session` awaits `sessions.load` (line 5) outside a try/catch and has no wrapper: on Express 4 a rejection never reaches the error handler and the request hangs.']);
  });

  it('stays quiet on the same code under Express 5, which forwards rejected handler promises', async () => {
    const { lines } = await runRule(RULE, { dependencies: EXPRESS_5, files: orderFiles });
    expect(lines).toEqual([]);
  });

  it('stays quiet when express-async-errors is imported once at start-up', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'express-async-errors': '^3.1.1' },
      files: { ...orderFiles, 'src/server.ts': `import 'express-async-errors';\nimport app from './app';\napp.listen(3000);\n` },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on wrapped handlers, try/catch around the awaits, and promise chains ending in .catch(next)', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'express-async-handler': '^1.2.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport asyncHandler from 'express-async-handler';\nimport { catchAsync } from './catch-async';\nimport { users } from './users';\nconst app = express();\nconst listUsers = catchAsync(async (req, res) => {\n  res.json(await users.list());\n});\napp.get('/users', listUsers);\napp.get('/users/count', asyncHandler(async (req, res) => {\n  res.json({ count: await users.count() });\n}));\napp.post('/users', async (req, res, next) => {\n  try {\n    res.status(201).json(await users.create(req.body));\n  } catch (err) {\n    next(err);\n  }\n});\napp.delete('/users/:id', (req, res, next) => {\n  users.remove(req.params.id).then(() => res.sendStatus(204)).catch(next);\n});\n`,
        'src/catch-async.ts': `import type { NextFunction, Request, Response } from 'express';\ntype Handler = (req: Request, res: Response, next: NextFunction) => Promise<unknown>;\nexport const catchAsync = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {\n  Promise.resolve(fn(req, res, next)).catch(next);\n};\n`,
        'src/users.ts': `export const users = {\n  list: async () => [],\n  count: async () => 0,\n  create: async (input: unknown) => input,\n  remove: async (id: string) => id,\n};\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on Fastify and NestJS, which handle rejected handler promises themselves', async () => {
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/x', async () => {\n  return await Promise.resolve(1);\n});\n` },
    });
    expect(fastify.lines).toEqual([]);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, express: '^4.21.0' },
      files: { 'src/users.controller.ts': `import { Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  async list() {\n    return await Promise.resolve([]);\n  }\n}\n` },
    });
    expect(nest.lines).toEqual([]);
  });
});
