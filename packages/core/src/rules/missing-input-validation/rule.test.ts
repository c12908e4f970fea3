import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'missing-input-validation';

describe('missing-input-validation', () => {
  it('fires on Express handlers that read the body, directly or in the controller the request is handed to, naming the mounted routes', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { orders } from './routes/orders';\nconst app = express();\napp.use(express.json());\napp.use('/api/orders', orders);\n`,
        'src/routes/orders.ts': `import { Router } from 'express';\nimport { OrderController } from '../controllers/order.controller';\nimport { addNote } from '../services/orders';\nconst controller = new OrderController();\nexport const orders = Router();\norders.post('/', (req, res) => controller.create(req, res));\norders.post('/:id/notes', async (req, res) => {\n  res.status(201).json(await addNote(req.params.id, req.body.text));\n});\n`,
        'src/controllers/order.controller.ts': `import type { Request, Response } from 'express';\nimport { createOrder } from '../services/orders';\nexport class OrderController {\n  async create(req: Request, res: Response) {\n    const { items, coupon } = req.body;\n    res.status(201).json(await createOrder(items, coupon));\n  }\n}\n`,
        'src/services/orders.ts': `export async function createOrder(items: unknown, coupon: unknown) { return { items, coupon }; }\nexport async function addNote(id: string, text: unknown) { return { id, text }; }\n`,
      },
    });
    expect(lines).toEqual([
      'src/routes/orders.ts:6:18 POST /api/orders reads `req.body` with no validation middleware and no validator call: the client\'s data reaches the handler unchecked. [POST /api/orders]',
      'src/routes/orders.ts:7:27 POST /api/orders/:id/notes reads `req.body` with no validation middleware and no validator call: the client\'s data reaches the handler unchecked. [POST /api/orders/:id/notes]',
    ]);
  });

  it('fires on a CommonJS Express handler that splices the query string into SQL text, and only a notice when query values go to a query builder', async () => {
    const { lines, findings } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'legacy', dependencies: EXPRESS }),
        'app.js': `const express = require('express');\nconst search = require('./controllers/search');\nconst app = express();\napp.get('/search', search.find);\napp.get('/products', search.list);\n`,
        'controllers/search.js': "const db = require('../db');\nexports.find = async function find(req, res) {\n  const term = req.query.q || '';\n  res.json(await db.raw(`SELECT * FROM items WHERE name LIKE '%${term}%'`));\n};\nexports.list = async function list(req, res) {\n  res.json(await db.products.findMany({ where: { tag: req.query.tag }, take: req.query.limit }));\n};\n",
        'db.js': `module.exports = { raw: async (sql) => [sql], products: { findMany: async (query) => [query] } };\n`,
      },
    });
    expect(lines).toEqual([
      "controllers/search.js:2:16 GET /search reads `req.query` with no validation middleware and no validator call: the client's data reaches the handler unchecked. [GET /search]",
      "controllers/search.js:6:16 GET /products reads `req.query` with no validation middleware and no validator call: the query values reach the code unchecked (a notice: no SQL text, file path or URL is built from them, but their types and bounds, such as a page size, are still the client's). [GET /products]",
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'info']);
  });

  it('fires when body elements go to a callback or a body field is stored on an entity, even beside logged and compared fields', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': "import express from 'express';\nimport { db } from './db';\nconst app = express();\napp.post('/tags', async (req, res) => {\n  console.info('tags: %o', req.body.tags);\n  req.body.tags.forEach((tag: string) => db.insert('tags', tag));\n  res.status(201).end();\n});\napp.patch('/profile', async (req, res) => {\n  const profile = await db.profile();\n  if (req.body.mode === 'reset') return res.status(400).end();\n  profile.bio = req.body.bio;\n  await profile.save();\n  res.status(204).end();\n});\n",
        'src/db.ts': "export const db = { insert: async (table: string, row: unknown) => [table, row], profile: async () => ({ bio: '', save: async () => undefined }) };\n",
      },
    });
    expect(lines).toEqual([
      "src/app.ts:4:19 POST /tags reads `req.body` with no validation middleware and no validator call: the client's data reaches the handler unchecked. [POST /tags]",
      "src/app.ts:9:23 PATCH /profile reads `req.body` with no validation middleware and no validator call: the client's data reaches the handler unchecked. [PATCH /profile]",
    ]);
  });

  it('fires on the function a catchAsync wrapper is given when it reads the body unchecked', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'legacy', dependencies: EXPRESS }),
        'src/app.js': `const express = require('express');\nconst controller = require('./controllers/note.controller');\nconst app = express();\napp.post('/notes', controller.createNote);\n`,
        'src/utils/catchAsync.js': `module.exports = (fn) => (req, res, next) => {\n  Promise.resolve(fn(req, res, next)).catch(next);\n};\n`,
        'src/controllers/note.controller.js': `const catchAsync = require('../utils/catchAsync');\nconst notes = require('../services/note.service');\nconst createNote = catchAsync(async (req, res) => {\n  res.status(201).send(await notes.create(req.body.text));\n});\nmodule.exports = { createNote };\n`,
        'src/services/note.service.js': `module.exports = { create: async (text) => ({ text }) };\n`,
      },
    });
    expect(lines).toEqual(['src/controllers/note.controller.js:3:31 POST /notes reads `req.body` with no validation middleware and no validator call: the client\'s data reaches the handler unchecked. [POST /notes]']);
  });

  it('fires on a Fastify route with no schema that reads request.body', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport users from './users';\nconst app = Fastify();\napp.register(users, { prefix: '/users' });\n`,
        'src/users.ts': `import type { FastifyInstance } from 'fastify';\nimport { createUser } from './store';\nexport default async function users(app: FastifyInstance) {\n  app.post('/', async (request, reply) => {\n    const { email, name } = request.body as { email: string; name: string };\n    return reply.code(201).send(await createUser({ email, name }));\n  });\n}\n`,
        'src/store.ts': `export async function createUser(user: { email: string; name: string }) { return user; }\n`,
      },
    });
    expect(lines).toEqual(['src/users.ts:4:17 POST /users reads `request.body` with no route schema and no validator call: the client\'s data reaches the handler unchecked. [POST /users]']);
  });

  it('fires on a chained Fastify registration without a schema, and not on the chained one that has it', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'follow', dependencies: FASTIFY }),
        'follow.js': `const { follow } = require('./schemas');\nmodule.exports = async function (fastify) {\n  fastify\n    .post('/follow', follow, followHandler)\n    .post('/unfollow', unfollowHandler);\n};\nasync function followHandler(req) {\n  return { following: req.body.userId };\n}\nasync function unfollowHandler(req) {\n  return { unfollowed: req.body.userId };\n}\n`,
        'schemas.js': `module.exports = { follow: { schema: { body: { type: 'object', properties: { userId: { type: 'string' } } } } } };\n`,
        'app.js': `const Fastify = require('fastify');\nconst app = Fastify();\napp.register(require('./follow'));\n`,
      },
    });
    expect(lines).toEqual(['follow.js:10:1 POST /unfollow reads `req.body` with no route schema and no validator call: the client\'s data reaches the handler unchecked. [POST /unfollow]']);
  });

  it('fires on a NestJS @Body() DTO with no ValidationPipe, beside and apart from a @Param with ParseIntPipe', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, 'class-validator': '^0.14.0' },
      files: {
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users/users.controller';\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
        'src/users/create-user.dto.ts': `import { IsEmail } from 'class-validator';\nexport class CreateUserDto {\n  @IsEmail() email!: string;\n}\n`,
        'src/users/users.controller.ts': `import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';\nimport { CreateUserDto } from './create-user.dto';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return dto;\n  }\n  @Get(':id')\n  findOne(@Param('id', ParseIntPipe) id: number) {\n    return { id };\n  }\n  @Post(':id/rename')\n  rename(@Param('id', ParseIntPipe) id: number, @Body() dto: CreateUserDto) {\n    return { id, dto };\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/users/users.controller.ts:6:9 POST /users reads `@Body()` with no ValidationPipe or other pipe: the client\'s data reaches the handler unchecked. [POST /users]',
      'src/users/users.controller.ts:14:9 POST /users/:id/rename reads `@Body()` with no ValidationPipe or other pipe: the client\'s data reaches the handler unchecked. [POST /users/:id/rename]',
    ]);
  });

  it('fires only a notice on a NestJS @Query() with no pipe, whose values feed filters and paging', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { PostsController } from './posts.controller';\n@Module({ controllers: [PostsController] })\nexport class AppModule {}\n`,
        'src/posts.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';\nimport { PostsService } from './posts.service';\n@Controller('posts')\nexport class PostsController {\n  constructor(private readonly posts: PostsService) {}\n  @Get()\n  list(@Query() query: Record<string, string>) {\n    return this.posts.list(query);\n  }\n}\n`,
        'src/posts.service.ts': `export class PostsService {\n  list(query: Record<string, string>) { return [query]; }\n}\n`,
      },
    });
    expect(lines).toEqual([
      "src/posts.controller.ts:7:7 GET /posts reads `@Query()` with no ValidationPipe or other pipe: the query values reach the code unchecked (a notice: query values usually feed filters and paging, whose types and bounds, such as a page size, are still the client's). [GET /posts]",
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['info']);
  });

  it('stays quiet on Express routes validated by middleware, by Zod in the handler, by Joi in the service, by express-validator, and on path parameters alone', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, zod: '^3.23.0', joi: '^17.0.0', 'express-validator': '^7.0.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport { body, validationResult } from 'express-validator';\nimport { validate } from './middleware/validate';\nimport { createUser, CreateUser } from './users';\nimport { register } from './service';\nconst app = express();\napp.post('/a', validate(CreateUser), async (req, res) => res.json(await createUser(req.body)));\napp.post('/b', async (req, res) => {\n  const parsed = CreateUser.safeParse(req.body);\n  if (!parsed.success) return res.status(400).json({ issues: parsed.error.issues });\n  res.status(201).json(await createUser(parsed.data));\n});\napp.post('/c', async (req, res) => res.json(await register(req.body)));\napp.post('/d', body('email').isEmail(), async (req, res) => {\n  if (!validationResult(req).isEmpty()) return res.sendStatus(400);\n  res.json(await createUser(req.body));\n});\napp.get('/users/:id', async (req, res) => res.json({ id: req.params.id }));\napp.post('/e', (req, res, next) => {\n  if (req.body?.legacy) req.headers['x-legacy'] = '1';\n  next();\n});\n`,
        'src/users.ts': `import { z } from 'zod';\nexport const CreateUser = z.object({ email: z.string().email() });\nexport async function createUser(input: unknown) { return input; }\n`,
        'src/service.ts': `import Joi from 'joi';\nconst schema = Joi.object({ email: Joi.string().email().required() });\nexport async function register(input: unknown) {\n  const value = await schema.validateAsync(input);\n  return value;\n}\n`,
        'src/middleware/validate.ts': `import type { NextFunction, Request, Response } from 'express';\nexport const validate = (schema: { parse(value: unknown): unknown }) => (req: Request, res: Response, next: NextFunction) => {\n  req.body = schema.parse(req.body);\n  next();\n};\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a GET or DELETE handler reading a body field a middleware put there', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { appendUserId } from './auth';\nimport { cards } from './cards';\nconst app = express();\napp.get('/cards', appendUserId, async (req, res) => res.json(await cards.of(req.body.UserId)));\napp.delete('/cards/:id', appendUserId, async (req, res) => res.json(await cards.remove(req.params.id, req.body.UserId)));\n`,
        'src/auth.ts': `import type { NextFunction, Request, Response } from 'express';\nexport function appendUserId(req: Request, res: Response, next: NextFunction) {\n  req.body.UserId = res.locals.user?.id;\n  next();\n}\n`,
        'src/cards.ts': `export const cards = { of: async (user: string) => [user], remove: async (id: string, user: string) => [id, user] };\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a handler that only logs the body it never uses', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { logger } from './logger';\nconst app = express();\napp.post('/logout', (req, res) => {\n  logger.debug('sign-out with body %o', req.body);\n  res.status(200).end();\n});\n`,
        'src/logger.ts': `export const logger = { debug: (...args: unknown[]) => args };\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on Express and Fastify handlers whose every read field is coerced or encoded before use', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...FASTIFY },
      files: {
        'src/app.ts': "import express from 'express';\nimport { feed, toggleArchived } from './notes';\nconst app = express();\napp.get('/notes/feed', async (req, res) => {\n  res.json(await feed(Number(req.query.offset) || 0, parseInt(String(req.query.size), 10)));\n});\napp.put('/notes/:id/archived', async (req, res) => {\n  const archived = !req.body.archived;\n  res.json(await toggleArchived(req.params.id, archived));\n});\napp.get('/pictures', async (req, res) => {\n  const topic = req.query.topic || 'cats';\n  const found = await fetch(`https://pictures.example/search?q=${encodeURIComponent(topic)}`);\n  res.render('pictures', { topic, found: await found.json() });\n});\n",
        'src/notes.ts': 'export async function feed(offset: number, size: number) { return [offset, size]; }\nexport async function toggleArchived(id: string, archived: boolean) { return { id, archived }; }\n',
        'src/server.ts': "import Fastify from 'fastify';\nimport { feed } from './notes';\nconst server = Fastify();\nserver.get('/feed', async (request) => feed(Number((request.query as { page?: string }).page), 20));\n",
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on values only compared with a secret, hashed then compared, or looked up in a Set or Map', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': "import express from 'express';\nimport { digest } from './crypto';\nimport { currentAccount } from './session';\nconst app = express();\nconst claimed = new Set<string>();\nconst invites = new Map<string, string>();\napp.post('/unlock', (req, res) => {\n  res.json({ unlocked: req.body.passphrase === process.env.UNLOCK_PASSPHRASE });\n});\napp.post('/account/close', (req, res) => {\n  const { password } = req.body;\n  if (currentAccount(req).passwordHash !== digest.hash(password)) return res.status(401).end();\n  res.status(204).end();\n});\napp.post('/claims', (req, res) => {\n  const wallet = req.body.wallet;\n  if (!claimed.has(wallet)) return res.status(404).end();\n  claimed.delete(wallet);\n  res.json({ invitedBy: invites.get(req.body.code) ?? null });\n});\n",
        'src/crypto.ts': "import { createHash } from 'node:crypto';\nexport const digest = { hash: (text: string) => createHash('sha256').update(text).digest('hex') };\n",
        'src/session.ts': "export function currentAccount(req: unknown) { return { passwordHash: String(req) }; }\n",
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on values handed only to a library that verifies them (WebAuthn responses, Stripe charges)', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'shop', dependencies: { ...EXPRESS, '@simplewebauthn/server': '^13.0.0', stripe: '^17.0.0' } }),
        'app.js': "const express = require('express');\nconst passkeys = require('./controllers/passkeys');\nconst app = express();\napp.post('/passkeys/verify', passkeys.verify);\napp.post('/pay', passkeys.pay);\n",
        'controllers/passkeys.js': "const { verifyRegistrationResponse } = require('@simplewebauthn/server');\nconst payments = require('stripe')(process.env.STRIPE_KEY);\nexports.verify = async (req, res) => {\n  const { attestation } = req.body;\n  if (!attestation) return res.status(400).end();\n  const response = JSON.parse(attestation);\n  const result = await verifyRegistrationResponse({ response, expectedChallenge: req.session.challenge, expectedOrigin: 'https://shop.example', expectedRPID: 'shop.example' });\n  res.json({ verified: result.verified });\n};\nexports.pay = async (req, res) => {\n  const { cardToken, receiptEmail } = req.body;\n  await payments.charges.create({ amount: 500, currency: 'eur', source: cardToken, receipt_email: receiptEmail });\n  res.redirect('/thanks');\n};\n",
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a handler that logs a field of the body in a message and uses nothing else', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': "import express from 'express';\nconst app = express();\napp.post('/client-errors', (req, res) => {\n  console.warn(`client reported: ${req.body.message}`);\n  res.status(204).end();\n});\n",
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on Fastify routes with a schema, inline or held in a schemas module', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport { followOptions } from './schemas';\nconst app = Fastify();\napp.post('/users', { schema: { body: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } } } }, async (request) => request.body);\napp.post('/follow', followOptions, async (request) => request.body);\napp.get('/users/:id', async (request) => (request.params as { id: string }).id);\n`,
        'src/schemas.ts': `export const followOptions = { schema: { body: { type: 'object', properties: { userId: { type: 'string' } } } } };\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on NestJS inputs under a global ValidationPipe, a method pipe or a parameter pipe', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/main.ts': `import { ValidationPipe } from '@nestjs/common';\nimport { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
        'src/users.controller.ts': `import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';\nclass CreateUserDto { email!: string; }\nclass ListQuery { page?: number; }\n@Controller('users')\nexport class UsersController {\n  @Post()\n  create(@Body() dto: CreateUserDto) { return dto; }\n  @Get()\n  list(@Query() query: ListQuery) { return query; }\n  @Post(':id/rename')\n  rename(@Param('id', ParseIntPipe) id: number, @Body() dto: CreateUserDto) { return { id, dto }; }\n}\n`,
      },
    });
    expect(lines).toEqual([]);
    const local = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/orders.controller.ts': `import { Body, Controller, Post, UsePipes, ValidationPipe } from '@nestjs/common';\nimport { ZodValidationPipe } from './zod.pipe';\nclass CreateOrderDto { sku!: string; }\n@Controller('orders')\nexport class OrdersController {\n  @Post()\n  @UsePipes(new ValidationPipe())\n  create(@Body() dto: CreateOrderDto) { return dto; }\n  @Post('quick')\n  quick(@Body(new ZodValidationPipe()) dto: CreateOrderDto) { return dto; }\n}\n`,
        'src/zod.pipe.ts': `export class ZodValidationPipe { transform(value: unknown) { return value; } }\n`,
      },
    });
    expect(local.lines).toEqual([]);
  });

  it('stays quiet in tests and scripts that read a body', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'test/app.test.ts': `import express from 'express';\nconst app = express();\napp.post('/echo', (req, res) => res.json(req.body));\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
