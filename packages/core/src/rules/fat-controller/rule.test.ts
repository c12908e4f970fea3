import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'fat-controller';

/** A checkout written in the handler: pricing, stock and loyalty rules between the request and the response. */
const FAT_BODY = `  const { items, coupon, express } = req.body;
  if (!Array.isArray(items) || items.length === 0) return res.status(400).json({ error: 'empty' });
  let total = 0;
  for (const item of items) {
    const product = await products.find(item.sku);
    if (!product) return res.status(404).json({ error: item.sku });
    if (product.stock < item.quantity) return res.status(409).json({ error: 'stock' });
    total += product.price * item.quantity;
  }
  if (coupon === 'WELCOME10') total = total * 0.9;
  else if (coupon === 'VIP' && req.user?.tier === 'gold') total = total * 0.8;
  const shipping = express ? 15 : total > 100 ? 0 : 5;
  const points = req.user ? Math.floor(total / 10) : 0;
  const order = await orders.save({ items, total: total + shipping, points });
  res.status(201).json(order);
`;

describe('fat-controller', () => {
  it('fires on an Express controller method holding pricing rules in an MVC app with a services layer, naming the mounted route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.js': `import express from 'express';\nimport { orders } from './routes/orders.js';\nconst app = express();\napp.use('/api/orders', orders);\n`,
        'src/routes/orders.js': `import { Router } from 'express';\nimport { checkout } from '../controllers/orders.controller.js';\nexport const orders = Router();\norders.post('/', checkout);\n`,
        'src/controllers/orders.controller.js': `import { products, orders } from '../services/catalog.service.js';\nexport async function checkout(req, res) {\n${FAT_BODY}}\n`,
        'src/services/catalog.service.js': `export const products = { find: async (sku) => ({ sku, price: 1, stock: 1 }) };\nexport const orders = { save: async (order) => order };\n`,
      },
    });
    expect(lines).toEqual([
      'src/controllers/orders.controller.js:2:8 `checkout` of POST /api/orders holds 19 statements and 11 branches (limits 20 and 10): business logic in the handler instead of a use case or service. [POST /api/orders]',
    ]);
  });

  it('fires on the function a catchAsync wrapper is given, with thresholds from ruleOptions', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'legacy', dependencies: EXPRESS }),
        'strata.config.json': JSON.stringify({ ruleOptions: { 'fat-controller': { maxStatements: 5, maxBranches: 2 } } }),
        'src/app.js': `const express = require('express');\nconst users = require('./routes/users');\nconst app = express();\napp.use('/users', users);\n`,
        'src/routes/users.js': `const express = require('express');\nconst controller = require('../controllers/user.controller');\nconst router = express.Router();\nrouter.post('/', controller.createUser);\nmodule.exports = router;\n`,
        'src/utils/catchAsync.js': `module.exports = (fn) => (req, res, next) => {\n  Promise.resolve(fn(req, res, next)).catch(next);\n};\n`,
        'src/controllers/user.controller.js': `const catchAsync = require('../utils/catchAsync');\nconst userService = require('../services/user.service');\nconst createUser = catchAsync(async (req, res) => {\n  const { email, age } = req.body;\n  if (!email) return res.status(400).send();\n  const adult = age >= 18;\n  const plan = adult ? 'standard' : 'junior';\n  const user = await userService.create({ email, plan });\n  if (plan === 'junior') await userService.notifyGuardian(user);\n  res.status(201).send(user);\n});\nmodule.exports = { createUser };\n`,
        'src/services/user.service.js': `module.exports = { create: async (u) => u, notifyGuardian: async (u) => u };\n`,
      },
    });
    expect(lines).toEqual([
      'src/controllers/user.controller.js:3:31 The handler of POST /users holds 9 statements and 3 branches (limits 5 and 2): business logic in the handler instead of a use case or service. [POST /users]',
    ]);
  });

  it('fires on a wrapped handler imported by name into an ESM routes file', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { orders } from './routes/orders';\nconst app = express();\napp.use('/orders', orders);\n`,
        'src/routes/orders.ts': `import { Router } from 'express';\nimport { checkout } from '../controllers/orders.controller';\nexport const orders = Router();\norders.post('/', checkout);\n`,
        'src/utils/catch-async.ts': `export const catchAsync = (fn: (req: any, res: any) => Promise<unknown>) => (req: any, res: any, next: (err: unknown) => void) => {\n  fn(req, res).catch(next);\n};\n`,
        'src/controllers/orders.controller.ts': `import { catchAsync } from '../utils/catch-async';\nimport { products, orders } from '../services/catalog.service';\nexport const checkout = catchAsync(async (req: any, res: any) => {\n${FAT_BODY}});\n`,
        'src/services/catalog.service.ts': `export const products = { find: async (sku: string) => ({ sku, price: 1, stock: 1 }) };\nexport const orders = { save: async (order: unknown) => order };\n`,
      },
    });
    expect(lines).toEqual([
      'src/controllers/orders.controller.ts:3:36 The handler of POST /orders holds 19 statements and 11 branches (limits 20 and 10): business logic in the handler instead of a use case or service. [POST /orders]',
    ]);
  });

  it('fires on a NestJS controller method computing shares of a portfolio', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { PortfolioController } from './portfolio/portfolio.controller';\nimport { PortfolioService } from './portfolio/portfolio.service';\n@Module({ controllers: [PortfolioController], providers: [PortfolioService] })\nexport class AppModule {}\n`,
        'src/portfolio/portfolio.service.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class PortfolioService {\n  async holdings(userId: string) { return [{ userId, value: 1, cash: false, restricted: false }]; }\n}\n`,
        'src/portfolio/portfolio.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';\nimport { PortfolioService } from './portfolio.service';\n@Controller('portfolio')\nexport class PortfolioController {\n  constructor(private readonly portfolio: PortfolioService) {}\n  @Get()\n  async details(@Query('user') userId: string, @Query('view') view?: string) {\n    const holdings = await this.portfolio.holdings(userId);\n    let total = 0;\n    let cash = 0;\n    for (const holding of holdings) {\n      if (holding.restricted && view !== 'admin') continue;\n      if (holding.cash) cash += holding.value;\n      else total += holding.value;\n    }\n    const shares = holdings.map((holding) => (total > 0 && !holding.cash ? holding.value / total : 0));\n    const risk = total > 100000 ? 'high' : total > 10000 ? 'medium' : cash > total ? 'low' : 'none';\n    const label = view === 'summary' ? 'Summary' : view === 'full' ? 'Full' : view ?? 'Default';\n    return { total, cash, shares, risk, label };\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/portfolio/portfolio.controller.ts:7:16 `PortfolioController.details` of GET /portfolio holds 13 statements and 12 branches (limits 20 and 10): business logic in the handler instead of a use case or service. [GET /portfolio]',
    ]);
  });

  it('stays quiet on thin handlers that parse, call a use case and map the result, in Express and Fastify with layers', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...FASTIFY },
      files: {
        'src/interfaces/http/orders.routes.ts': `import { Router } from 'express';\nimport { placeOrder } from '../../application/place-order';\nimport { toOrderResponse } from './order.mapper';\nexport const orders = Router();\norders.post('/orders', async (req, res, next) => {\n  try {\n    const command = { items: req.body.items ?? [], coupon: req.body.coupon ?? null };\n    const result = await placeOrder(command);\n    if (!result.ok) return res.status(result.status).json({ error: result.code });\n    res.status(201).json(toOrderResponse(result.order));\n  } catch (err) {\n    next(err);\n  }\n});\n`,
        'src/interfaces/http/order.mapper.ts': `export const toOrderResponse = (order: { id: string }) => ({ id: order.id });\n`,
        'src/interfaces/http/app.ts': `import express from 'express';\nimport { orders } from './orders.routes';\nexport const app = express();\napp.use('/api', orders);\n`,
        'src/interfaces/fastify/app.ts': `import Fastify from 'fastify';\nimport { placeOrder } from '../../application/place-order';\nconst app = Fastify();\napp.post('/orders', async (request, reply) => {\n  const result = await placeOrder(request.body as { items: unknown[] });\n  return result.ok ? reply.code(201).send(result.order) : reply.code(result.status).send({ error: result.code });\n});\n`,
        'src/application/place-order.ts': `export async function placeOrder(input: { items: unknown[] }) {\n  if (input.items.length === 0) return { ok: false as const, status: 400, code: 'EMPTY' };\n  return { ok: true as const, order: { id: '1' } };\n}\n`,
        'src/domain/order.ts': `export interface Order { id: string }\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a flat small service with no layer to move the logic into', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/server.js': `import express from 'express';\nconst app = express();\nconst products = { find: async (sku) => ({ sku, price: 1, stock: 1 }) };\nconst orders = { save: async (order) => order };\napp.post('/checkout', async (req, res) => {\n${FAT_BODY}});\napp.listen(3000);\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
