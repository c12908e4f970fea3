import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'http-in-service';

describe('http-in-service', () => {
  it('fires on a use case typed by the Express request and on a handler passing req and res whole to a use case', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/interfaces/http/app.ts': `import express from 'express';\nimport { orderRoutes } from './order.routes';\nexport const app = express();\napp.use('/api', orderRoutes);\n`,
        'src/interfaces/http/order.routes.ts': `import { Router } from 'express';\nimport { placeOrder } from '../../application/place-order';\nimport { exportOrders } from '../../application/export-orders';\nexport const orderRoutes = Router();\norderRoutes.post('/orders', async (req, res) => {\n  res.status(201).json(await placeOrder(req));\n});\norderRoutes.get('/orders/export', async (req, res) => {\n  await exportOrders(req.query.from as string, res);\n});\n`,
        'src/application/place-order.ts': `import type { Request } from 'express';\nimport { Order } from '../domain/order';\nexport async function placeOrder(req: Request) {\n  return new Order(req.body.items);\n}\n`,
        'src/application/export-orders.ts': `export async function exportOrders(from: string, out: { write(chunk: string): void; end(): void }) {\n  out.write(from);\n  out.end();\n}\n`,
        'src/domain/order.ts': `export class Order {\n  constructor(readonly items: unknown[]) {}\n}\n`,
        'src/infrastructure/db.ts': `export const db = {};\n`,
      },
    });
    expect(lines).toEqual([
      'src/application/place-order.ts:3:8 `placeOrder` (application layer) takes `req` typed `express.Request`: the framework\'s request or response inside a service ties it to HTTP.',
      'src/interfaces/http/order.routes.ts:9:9 GET /api/orders/export passes `res` whole to `exportOrders` (application layer): the service now depends on the HTTP framework. [GET /api/orders/export]',
    ]);
  });

  it('fires on a NestJS controller handing @Req() to a service and on a service typed by FastifyReply', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, fastify: '^5.2.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ReportsController } from './reports/reports.controller';\nimport { ReportsService } from './reports/reports.service';\n@Module({ controllers: [ReportsController], providers: [ReportsService] })\nexport class AppModule {}\n`,
        'src/reports/reports.controller.ts': `import { Controller, Get, Req, Res } from '@nestjs/common';\nimport { ReportsService } from './reports.service';\n@Controller('reports')\nexport class ReportsController {\n  constructor(private readonly reports: ReportsService) {}\n  @Get()\n  list(@Req() request: unknown) {\n    return this.reports.list(request);\n  }\n  @Get('download')\n  download(@Res() reply: unknown) {\n    return this.reports.stream(reply);\n  }\n}\n`,
        'src/reports/reports.service.ts': `import { Injectable } from '@nestjs/common';\nimport type { FastifyReply } from 'fastify';\n@Injectable()\nexport class ReportsService {\n  list(request: { query: Record<string, string> }) {\n    return [request.query.page];\n  }\n  stream(reply: FastifyReply) {\n    return reply.send('csv');\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/reports/reports.controller.ts:8:12 GET /reports passes `request` whole to `ReportsService.list` (application layer): the service now depends on the HTTP framework. [GET /reports]',
      'src/reports/reports.service.ts:8:9 `ReportsService.stream` (application layer) takes `reply` typed `fastify.FastifyReply`: the framework\'s request or response inside a service ties it to HTTP.',
    ]);
  });

  it('fires on a NestJS service that injects the request with @Inject(REQUEST)', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { RatesService } from './rates/rates.service';\n@Module({ providers: [RatesService] })\nexport class AppModule {}\n`,
        'src/rates/rates.service.ts': `import { Inject, Injectable } from '@nestjs/common';\nimport { REQUEST } from '@nestjs/core';\n@Injectable()\nexport class RatesService {\n  constructor(@Inject(REQUEST) private readonly request: { user?: { currency: string } }) {}\n  currency() {\n    return this.request.user?.currency ?? 'USD';\n  }\n}\n`,
      },
    });
    expect(lines).toEqual(['src/rates/rates.service.ts:4:8 `RatesService` (application layer) injects the HTTP request (`@Inject(REQUEST)` as `request`): the provider becomes request-scoped and can only run inside a request.']);
  });

  it('fires on a Fastify handler passing the request to a use case in a clean layout', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/interfaces/http/server.ts': `import Fastify from 'fastify';\nimport { register } from '../../application/register-user';\nconst app = Fastify();\napp.post('/users', async (request, reply) => reply.code(201).send(await register(request)));\n`,
        'src/application/register-user.ts': `import { User } from '../domain/user';\nexport async function register(request: { body: unknown }) {\n  return new User(request.body);\n}\n`,
        'src/domain/user.ts': `export class User {\n  constructor(readonly data: unknown) {}\n}\n`,
      },
    });
    expect(lines).toEqual(['src/interfaces/http/server.ts:4:73 POST /users passes `request` whole to `register` (application layer): the service now depends on the HTTP framework. [POST /users]']);
  });

  it('stays quiet when handlers pass parsed values, on edge adapters typed by the request, and on Express types in the interfaces layer', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'passport-jwt': '^4.0.0' },
      files: {
        'src/interfaces/http/app.ts': `import express, { type Request, type Response } from 'express';\nimport { placeOrder } from '../../application/place-order';\nexport const app = express();\nfunction userId(req: Request): string {\n  return String(req.headers['x-user']);\n}\napp.post('/orders', async (req: Request, res: Response) => {\n  const order = await placeOrder({ items: req.body.items, customer: userId(req) });\n  res.status(201).json(order);\n});\n`,
        'src/application/place-order.ts': `import { Order } from '../domain/order';\nexport async function placeOrder(command: { items: unknown[]; customer: string }) {\n  return new Order(command.items);\n}\n`,
        'src/application/auth/jwt.strategy.ts': `import type { Request } from 'express';\nexport class JwtStrategy {\n  validate(req: Request, payload: { sub: string }) {\n    return { id: payload.sub, ip: req.ip };\n  }\n}\n`,
        'src/domain/order.ts': `export class Order {\n  constructor(readonly items: unknown[]) {}\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a layered MVC app under the recommended profile', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.js': `import express from 'express';\nimport { router } from './routes/users.js';\nconst app = express();\napp.use('/users', router);\n`,
        'src/routes/users.js': `import { Router } from 'express';\nimport { create } from '../controllers/users.controller.js';\nexport const router = Router();\nrouter.post('/', create);\n`,
        'src/controllers/users.controller.js': `import { createUser } from '../services/users.service.js';\nexport async function create(req, res) {\n  res.status(201).json(await createUser(req));\n}\n`,
        'src/services/users.service.js': `import { User } from '../models/user.js';\nexport async function createUser(req) {\n  return User.create(req.body);\n}\n`,
        'src/models/user.js': `export const User = { create: async (data) => data };\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
