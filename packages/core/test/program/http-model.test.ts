import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule, type RuleCase } from '../helpers/rule-tester.js';

/** The HTTP model's routes for a case, as `METHOD path handler [validation] [auth] @file:line`. */
async function routes(testCase: RuleCase): Promise<string[]> {
  const { result } = await runRule('sync-io-in-request', testCase);
  return (result.routes ?? []).map((route) => `${route.method} ${route.path} ${route.handler}${route.validation ? ` [valid: ${route.validation}]` : ''}${route.auth ? ` [auth: ${route.auth}]` : ''} @${route.file}:${route.line}`);
}

describe('HTTP model: Express', () => {
  it('follows routers mounted across files, route() chains, middleware, factories and constant paths', async () => {
    expect(
      await routes({
        dependencies: EXPRESS,
        files: {
          'src/app.ts': `import express from 'express';\nimport api from './routes';\nconst app = express();\napp.use(express.json());\napp.use('/api', api);\nexport default app;\n`,
          'src/routes/index.ts': `import { Router } from 'express';\nimport { users } from './users';\nconst router = Router();\nrouter.use('/users', users);\nexport default router;\n`,
          'src/routes/paths.ts': `export const PATHS = { me: '/me' } as const;\n`,
          'src/routes/users.ts': `import express from 'express';\nimport { requireAuth } from '../middleware/auth';\nimport { validate } from '../middleware/validate';\nimport * as controller from '../controllers/users';\nimport { PATHS } from './paths';\nexport const users = express.Router();\nusers.route('/').get(controller.list).post(requireAuth, validate('createUser'), controller.create);\nusers.get(PATHS.me, requireAuth, controller.me);\nusers.delete('/:id', requireAuth, controller.remover());\n`,
          'src/middleware/auth.ts': `export function requireAuth(req, res, next) { next(); }\n`,
          'src/middleware/validate.ts': `export const validate = (schema: string) => (req, res, next) => next();\n`,
          'src/controllers/users.ts': `export async function list(req, res) { res.json([]); }\nexport async function create(req, res) { res.status(201).json(req.body); }\nexport const me = (req, res) => res.json(req.user);\nexport function remover() { return async function removeUser(req, res) { res.status(204).end(); }; }\n`,
        },
      }),
    ).toEqual([
      'GET /api/users list @src/routes/users.ts:7',
      'POST /api/users create [valid: validate(…)] [auth: requireAuth] @src/routes/users.ts:7',
      'GET /api/users/me me [auth: requireAuth] @src/routes/users.ts:8',
      'DELETE /api/users/:id removeUser [auth: requireAuth] @src/routes/users.ts:9',
    ]);
  });

  it('applies use() middleware of the router and of every app or router that mounts it, in order, and only to routes registered after it in the same file; session set-up is not a guard', async () => {
    expect(
      await routes({
        dependencies: { ...EXPRESS, celebrate: '^15.0.0', passport: '^0.7.0', 'express-session': '^1.18.0', helmet: '^8.0.0' },
        files: {
          'src/app.ts': `import express from 'express';\nimport { adminRouter } from './admin';\nimport { api } from './api';\nimport { requireAdmin, authenticate } from './auth';\nimport passport from 'passport';\nimport helmet from 'helmet';\nimport session from 'express-session';\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.use(express.json());\napp.use(session({ secret: process.env.SESSION_SECRET! }));\napp.use(helmet.frameguard({ action: 'deny' }));\napp.use(passport.initialize());\napp.use(passport.session());\napp.use('/admin', authenticate, requireAdmin, adminRouter);\napp.use('/api/accounts/:id', authenticate);\napp.use('/api', api);\napp.post('/late', (req, res) => res.send('late'));\napp.use(authenticate);\n`,
          'src/admin.ts': `import { Router } from 'express';\nexport const adminRouter = Router();\nadminRouter.delete('/users/:id', (req, res) => res.sendStatus(204));\n`,
          'src/api.ts': `import { Router } from 'express';\nimport { celebrate, Joi } from 'celebrate';\nexport const api = Router();\nconst transfer = celebrate({ body: Joi.object({ amount: Joi.number() }) });\napi.get('/public', (req, res) => res.json([]));\napi.put('/accounts/:id', transfer, (req, res) => res.json(req.body));\n`,
          'src/auth.ts': `export function authenticate(req, res, next) { next(); }\nexport function requireAdmin(req, res, next) { next(); }\n`,
        },
      }),
    ).toEqual([
      'DELETE /admin/users/:id <anonymous> [auth: authenticate] @src/admin.ts:3',
      'GET /api/public <anonymous> @src/api.ts:5',
      'PUT /api/accounts/:id <anonymous> [valid: celebrate] [auth: authenticate] @src/api.ts:6',
      'GET /health <anonymous> @src/app.ts:9',
      'POST /late <anonymous> @src/app.ts:18',
    ]);
  });

  it('records validation the handler does itself, with the validator, and none where it does none', async () => {
    expect(
      await routes({
        dependencies: { ...EXPRESS, zod: '^3.23.0' },
        files: {
          'src/schemas.ts': `import { z } from 'zod';\nexport const NewOrder = z.object({ sku: z.string(), quantity: z.number().int().positive() });\n`,
          'src/orders.ts': `import { NewOrder } from './schemas';\nexport function parseOrder(body: unknown) {\n  return NewOrder.parse(body);\n}\n`,
          'src/app.ts': `import express from 'express';\nimport { parseOrder } from './orders';\nconst app = express();\napp.post('/orders', (req, res) => {\n  res.status(201).json(parseOrder(req.body));\n});\napp.post('/notes', (req, res) => {\n  res.status(201).json(req.body);\n});\n`,
        },
      }),
    ).toEqual(['POST /orders <anonymous> [valid: in the handler: parseOrder] @src/app.ts:4', 'POST /notes <anonymous> @src/app.ts:7']);
  });

  it('follows a CommonJS app passed to route modules as a parameter', async () => {
    expect(
      await routes({
        files: {
          'package.json': JSON.stringify({ name: 'legacy', dependencies: EXPRESS }),
          'app.js': `const express = require('express');\nconst app = express();\nrequire('./routes')(app);\nmodule.exports = app;\n`,
          'routes/index.js': `const orders = require('../controllers/orders');\nmodule.exports = function (app) {\n  app.get('/orders', orders.list);\n  app.post('/orders', orders.create);\n};\n`,
          'controllers/orders.js': `exports.list = function list(req, res) { res.json([]); };\nexports.create = (req, res) => res.sendStatus(201);\n`,
        },
      }),
    ).toEqual(['GET /orders list @routes/index.js:3', 'POST /orders create @routes/index.js:4']);
  });
});

describe('HTTP model: Fastify', () => {
  it('applies register prefixes through nested plugins and reads schemas, hooks and route options', async () => {
    expect(
      await routes({
        dependencies: FASTIFY,
        files: {
          'src/app.ts': `import Fastify from 'fastify';\nimport { api } from './api';\nconst app = Fastify();\napp.register(api, { prefix: '/api' });\n`,
          'src/api.ts': `import type { FastifyInstance } from 'fastify';\nimport invoices from './invoices';\nexport async function api(app: FastifyInstance) {\n  app.register(invoices, { prefix: '/invoices' });\n}\n`,
          'src/invoices.ts': `import type { FastifyInstance } from 'fastify';\nasync function authenticate() {}\nexport default async function invoices(app: FastifyInstance) {\n  app.get('/', async () => []);\n  app.post('/', { schema: { body: { type: 'object' } }, preHandler: authenticate }, async function createInvoice(request) { return request.body; });\n  app.route({ method: ['PUT', 'PATCH'], url: '/:id', handler: async () => ({}) });\n}\n`,
        },
      }),
    ).toEqual([
      'GET /api/invoices <anonymous> @src/invoices.ts:4',
      'POST /api/invoices createInvoice [valid: fastify schema] [auth: authenticate] @src/invoices.ts:5',
      'PUT,PATCH /api/invoices/:id handler @src/invoices.ts:6',
    ]);
  });

  it('prefixes autoloaded route files with their folder and recognises plugins by their type', async () => {
    expect(
      await routes({
        dependencies: { ...FASTIFY, '@fastify/autoload': '^6.0.0', '@fastify/type-provider-typebox': '^5.0.0' },
        files: {
          'src/app.ts': `import type { FastifyInstance } from 'fastify';\nimport autoload from '@fastify/autoload';\nimport path from 'node:path';\nexport default async function app(fastify: FastifyInstance) {\n  fastify.register(autoload, { dir: path.join(import.meta.dirname, 'routes') });\n}\n`,
          'src/routes/home.ts': `import type { FastifyInstance } from 'fastify';\nexport default async function (fastify: FastifyInstance) {\n  fastify.get('/', async () => ({ ok: true }));\n}\n`,
          'src/routes/api/tasks/index.ts': `import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';\nconst plugin: FastifyPluginAsyncTypebox = async (fastify) => {\n  fastify.get('/:id', async (request) => request.params);\n};\nexport default plugin;\n`,
        },
      }),
    ).toEqual(['GET /api/tasks/:id <anonymous> @src/routes/api/tasks/index.ts:3', 'GET / <anonymous> @src/routes/home.ts:3']);
  });
});

describe('HTTP model: NestJS', () => {
  it('joins the global prefix, controller and method paths (constants included) and reads guards and pipes', async () => {
    expect(
      await routes({
        dependencies: NEST,
        files: {
          'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
          'src/app.module.ts': `import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`,
          'src/routes.ts': `export const routes = { orders: { root: 'orders', byId: ':id' } } as const;\n`,
          'src/orders/orders.controller.ts': `import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\nimport { routes } from '../routes';\n@Controller({ path: routes.orders.root })\n@UseGuards(AuthGuard('jwt'))\nexport class OrdersController {\n  @Get(routes.orders.byId)\n  find(@Param('id') id: string) { return id; }\n  @Post()\n  create(@Body() body: object) { return body; }\n}\n`,
        },
      }),
    ).toEqual([
      'GET /api/orders/:id OrdersController.find [valid: ValidationPipe] [auth: AuthGuard] @src/orders/orders.controller.ts:8',
      'POST /api/orders OrdersController.create [valid: ValidationPipe] [auth: AuthGuard] @src/orders/orders.controller.ts:10',
    ]);
  });
});

describe('HTTP model: paths it cannot read', () => {
  it('shows an unreadable global prefix as … and applies URI versioning', async () => {
    expect(
      await routes({
        dependencies: NEST,
        files: {
          'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { VersioningType } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix(process.env.API_PREFIX ?? 'api');\n  app.enableVersioning({ type: VersioningType.URI });\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
          'src/app.module.ts': `import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`,
          'src/auth/auth.controller.ts': `import { Controller, Post } from '@nestjs/common';\n@Controller({ path: 'auth', version: '1' })\nexport class AuthController {\n  @Post('login')\n  login() { return {}; }\n}\n`,
        },
      }),
    ).toEqual(['POST /…/v1/auth/login AuthController.login @src/auth/auth.controller.ts:5']);
  });
});

describe('HTTP model: route tables', () => {
  it('reads { method, path, handler } entries a module returns or passes on, handlers resolved through a controller factory', async () => {
    expect(
      await routes({
        dependencies: { '@hapi/hapi': '^21.0.0' },
        files: {
          'src/invoices/routes.ts': `import { invoiceController } from './controller';\nexport function invoiceRoutes(useCases: object) {\n  const controller = invoiceController(useCases);\n  return [\n    { method: 'POST', path: '/invoices', handler: controller.issue },\n    { method: 'GET', path: '/invoices/:id', handler: controller.get },\n  ];\n}\n`,
          'src/invoices/controller.ts': `export function invoiceController(useCases: object) {\n  return {\n    issue: async (request: { body: unknown }) => ({ status: 201, body: request.body }),\n    get: async function getInvoice() { return { status: 200 }; },\n  };\n}\n`,
          'src/server.ts': `import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route([{ method: ['PUT', 'PATCH'], path: '/users/{id}', handler: (request, h) => h.response() }]);\nconst notRoutes = [{ method: 'cash', path: 'drawer', handler: () => 1 }];\nexport { notRoutes };\n`,
        },
      }),
    ).toEqual(['POST /invoices issue @src/invoices/routes.ts:5', 'GET /invoices/:id getInvoice @src/invoices/routes.ts:6', 'PUT,PATCH /users/{id} handler @src/server.ts:3']);
  });
});

describe('HTTP model: Koa', () => {
  it('reads @koa/router routes with router prefixes and nested routers', async () => {
    expect(
      await routes({
        dependencies: { koa: '^2.15.0', '@koa/router': '^13.0.0' },
        files: {
          'src/app.ts': `import Koa from 'koa';\nimport Router from '@koa/router';\nimport { users } from './users';\nconst app = new Koa();\nconst api = new Router({ prefix: '/api' });\napi.use('/v1', users.routes());\napp.use(api.routes());\n`,
          'src/users.ts': `import Router from '@koa/router';\nasync function requireUser(ctx, next) { await next(); }\nexport const users = new Router({ prefix: '/users' });\nusers.get('/', async function listUsers(ctx) { ctx.body = []; });\nusers.post('/', requireUser, async (ctx) => { ctx.status = 201; });\n`,
        },
      }),
    ).toEqual(['GET /api/v1/users listUsers @src/users.ts:4', 'POST /api/v1/users <anonymous> [auth: requireUser] @src/users.ts:5']);
  });
});
