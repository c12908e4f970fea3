import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'controller-db-access';
const PRISMA = { '@prisma/client': '^6.0.0' };

describe('controller-db-access', () => {
  it('fires on an Express controller that queries Prisma itself in an MVC app that has services, naming the route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'src/app.ts': `import express from 'express';\nimport { users } from './routes/users';\nconst app = express();\napp.use('/users', users);\nexport default app;\n`,
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/routes/users.ts': `import { Router } from 'express';\nimport * as controller from '../controllers/users.controller';\nexport const users = Router();\nusers.get('/:id', controller.show);\nusers.post('/', controller.create);\n`,
        'src/controllers/users.controller.ts': `import type { Request, Response } from 'express';\nimport { prisma } from '../db';\nimport { createUser } from '../services/users.service';\nexport async function show(req: Request, res: Response) {\n  res.json(await prisma.user.findUnique({ where: { id: req.params.id } }));\n}\nexport async function create(req: Request, res: Response) {\n  res.status(201).json(await createUser(req.body));\n}\n`,
        'src/services/users.service.ts': `import { prisma } from '../db';\nexport function createUser(input: { email: string }) {\n  return prisma.user.create({ data: { email: input.email } });\n}\n`,
      },
    });
    expect(lines).toEqual(['src/controllers/users.controller.ts:5:18 The handler of GET /users/:id (`show`) queries the database itself (`prisma.user.findUnique`, prisma findUnique) instead of going through a service. [GET /users/:id]']);
  });

  it('fires on a NestJS controller that injects a TypeORM repository and queries it', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { TagsController } from './tags/tags.controller';\n@Module({ controllers: [TagsController] })\nexport class AppModule {}\n`,
        'src/tags/tags.controller.ts': `import { Controller, Get } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Tag } from './tag.entity';\n@Controller('tags')\nexport class TagsController {\n  constructor(@InjectRepository(Tag) private readonly tags: Repository<Tag>) {}\n  @Get()\n  async list() {\n    const tags = await this.tags.find({ take: 100 });\n    return tags.map((tag) => tag.name);\n  }\n}\n`,
        'src/tags/tag.entity.ts': `export class Tag {\n  name!: string;\n}\n`,
      },
    });
    expect(lines).toEqual(['src/tags/tags.controller.ts:10:24 The handler of GET /tags (`TagsController.list`) queries the database itself (`this.tags.find`, typeorm find) instead of going through a service. [GET /tags]']);
  });

  it('fires in a Clean Fastify module whose route handler runs Knex itself, bypassing the use case', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, knex: '^3.1.0' },
      files: {
        'src/main.ts': `import Fastify from 'fastify';\nimport { orderRoutes } from './orders/interfaces/http/routes';\nconst app = Fastify();\napp.register(orderRoutes, { prefix: '/orders' });\n`,
        'src/orders/interfaces/http/routes.ts': `import type { FastifyInstance } from 'fastify';\nimport { db } from '../../infrastructure/db';\nimport { placeOrder } from '../../application/place-order';\nexport async function orderRoutes(app: FastifyInstance) {\n  app.post('/', async (request) => placeOrder(request.body as { sku: string }));\n  app.get('/:id', async (request) => db('orders').where({ id: (request.params as { id: string }).id }).first());\n}\n`,
        'src/orders/infrastructure/db.ts': `import knex from 'knex';\nexport const db = knex({ client: 'pg', acquireConnectionTimeout: 5000 });\n`,
        'src/orders/application/place-order.ts': `import { db } from '../infrastructure/db';\nexport const placeOrder = (input: { sku: string }) => db('orders').insert(input);\n`,
        'src/orders/domain/order.ts': `export interface Order {\n  sku: string;\n}\n`,
      },
    });
    expect(lines).toEqual(['src/orders/interfaces/http/routes.ts:6:38 The handler of GET /orders/:id queries the database itself (`db(\'orders\')`, knex first) instead of going through a service. [GET /orders/:id]']);
  });

  it('stays quiet on an MVC app with no service layer, on handlers that call services, on health probes and on middleware', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'starter', dependencies: { ...EXPRESS, mongoose: '^8.0.0' } }),
        'app.js': `const express = require('express');\nconst user = require('./controllers/user');\nconst app = express();\napp.get('/account', user.getAccount);\nmodule.exports = app;\n`,
        'controllers/user.js': `const User = require('../models/User');\nexports.getAccount = async (req, res) => {\n  res.json(await User.findById(req.user.id));\n};\n`,
        'models/User.js': `const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({ email: String }));\n`,
      },
    });
    expect(lines).toEqual([]);
    const layered = await runRule(RULE, {
      dependencies: { ...EXPRESS, pg: '^8.13.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport { pool } from './db';\nimport { authenticate } from './middlewares/auth';\nimport { listOrders } from './controllers/orders.controller';\nconst app = express();\napp.get('/health/ready', async (req, res) => {\n  await pool.query('SELECT 1');\n  res.send('ok');\n});\napp.get('/orders', authenticate, listOrders);\nexport default app;\n`,
        'src/db.ts': `import { Pool } from 'pg';\nexport const pool = new Pool({ statement_timeout: 5000 });\n`,
        'src/middlewares/auth.ts': `import { pool } from '../db';\nexport async function authenticate(req: any, res: any, next: () => void) {\n  req.user = (await pool.query('SELECT * FROM users WHERE token = $1', [req.headers.authorization])).rows[0];\n  next();\n}\n`,
        'src/controllers/orders.controller.ts': `import { ordersOf } from '../services/orders.service';\nexport async function listOrders(req: any, res: any) {\n  res.json(await ordersOf(req.user.id));\n}\n`,
        'src/services/orders.service.ts': `import { pool } from '../db';\nexport async function ordersOf(user: string) {\n  return (await pool.query('SELECT * FROM orders WHERE owner = $1 LIMIT 50', [user])).rows;\n}\n`,
      },
    });
    expect(layered.lines).toEqual([]);
  });

  it('stays quiet on a flat Fastify service that queries in its handlers', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, pg: '^8.13.0' },
      files: {
        'src/server.ts': `import Fastify from 'fastify';\nimport { Pool } from 'pg';\nconst pool = new Pool({ statement_timeout: 5000 });\nconst app = Fastify();\napp.get('/links/:id', async (request) => (await pool.query('SELECT url FROM links WHERE id = $1', [(request.params as { id: string }).id])).rows[0]);\napp.post('/links', async (request) => (await pool.query('INSERT INTO links (url) VALUES ($1) RETURNING id', [(request.body as { url: string }).url])).rows[0]);\nawait app.listen({ port: 3000 });\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
