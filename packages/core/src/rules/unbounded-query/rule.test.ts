import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'unbounded-query';
const PRISMA = { '@prisma/client': '^6.0.0' };

describe('unbounded-query', () => {
  it('fires on a Prisma findMany with no take in a service an Express route calls, with the trace', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/app.ts': `import express from 'express';\nimport { listOrders } from './services/orders';\nconst app = express();\napp.get('/orders', async (req, res) => {\n  res.json(await listOrders(req.query.status as string));\n});\nexport default app;\n`,
        'src/services/orders.ts': `import { prisma } from '../db';\nexport function listOrders(status: string) {\n  return prisma.order.findMany({ where: { status }, orderBy: { createdAt: 'desc' } });\n}\n`,
      },
    });
    expect(lines).toEqual(['src/services/orders.ts:3:10 `prisma.order.findMany` (prisma) reads every matching row with no `take` while serving GET /orders. [GET /orders]']);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:4 GET /orders is handled by <anonymous>',
      'src/app.ts:5 calls listOrders',
      'src/services/orders.ts:3 calls prisma.order.findMany',
    ]);
  });

  it('fires on TypeORM find and findBy in a NestJS service behind a controller, not on a 0.2-style find by owner', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { CommentsController } from './comments.controller';\nimport { CommentsService } from './comments.service';\n@Module({ controllers: [CommentsController], providers: [CommentsService] })\nexport class AppModule {}\n`,
        'src/comments.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';\nimport { CommentsService } from './comments.service';\n@Controller('articles/:slug/comments')\nexport class CommentsController {\n  constructor(private readonly comments: CommentsService) {}\n  @Get()\n  list(@Param('slug') slug: string) {\n    return this.comments.list(slug);\n  }\n  @Get('authors')\n  authors(@Param('slug') slug: string) {\n    return this.comments.authors(slug);\n  }\n  @Get('mine')\n  mine() {\n    return this.comments.mine(1);\n  }\n}\n`,
        'src/comments.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Comment } from './comment.entity';\n@Injectable()\nexport class CommentsService {\n  constructor(@InjectRepository(Comment) private readonly comments: Repository<Comment>) {}\n  list(slug: string) {\n    return this.comments.find({ where: { articleSlug: slug }, order: { id: 'DESC' } });\n  }\n  authors(slug: string) {\n    return this.comments.findBy({ articleSlug: slug });\n  }\n  mine(authorId: number) {\n    return this.comments.find({ authorId });\n  }\n}\n`,
        'src/comment.entity.ts': `export class Comment {\n  id!: number;\n  articleSlug!: string;\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/comments.service.ts:9:12 `this.comments.find` (typeorm) reads every matching row with no `take` while serving GET /articles/:slug/comments. [GET /articles/:slug/comments]',
      'src/comments.service.ts:12:12 `this.comments.findBy` (typeorm) reads every matching row with no `take` while serving GET /articles/:slug/comments/authors. [GET /articles/:slug/comments/authors]',
    ]);
  });

  it('fires in Fastify on a Mongoose find with a sort but no .limit(), a Knex table read and a Sequelize findAll', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, mongoose: '^8.0.0', knex: '^3.1.0', sequelize: '^6.37.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport { Event, db, Invoice } from './data';\nconst app = Fastify();\napp.get('/events', async () => Event.find({ type: 'login' }).sort({ at: -1 }).lean());\napp.get('/orders', async (request) => db('orders').where({ state: (request.query as { state: string }).state }).orderBy('id'));\napp.get('/invoices', async () => Invoice.findAll({ where: { paid: false } }));\n`,
        'src/data.ts': `import mongoose from 'mongoose';\nimport knex from 'knex';\nimport { Model } from 'sequelize';\nexport const Event = mongoose.model('Event', new mongoose.Schema({ type: String, at: Date }));\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, acquireConnectionTimeout: 5000 });\nexport class Invoice extends Model {}\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:4:32 `Event.find` (mongoose) reads every matching row with no `.limit()` while serving GET /events. [GET /events]',
      'src/app.ts:5:39 `db(\'orders\')` (knex) reads every matching row with no `.limit()` while serving GET /orders. [GET /orders]',
      'src/app.ts:6:34 `Invoice.findAll` (sequelize) reads every matching row with no `limit` while serving GET /invoices. [GET /invoices]',
    ]);
  });

  it('fires on a Drizzle select().from() and a Kysely selectFrom() with no limit', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'drizzle-orm': '^0.44.0', kysely: '^0.28.0', pg: '^8.13.0' },
      files: {
        'src/db.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\nimport { Kysely, PostgresDialect } from 'kysely';\nimport { Pool } from 'pg';\nconst pool = new Pool({ statement_timeout: 5000 });\nexport const db = drizzle(pool);\nexport const kdb = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });\n`,
        'src/app.ts': `import express from 'express';\nimport { db, kdb } from './db';\nimport { orders } from './schema';\nconst app = express();\napp.get('/orders', async (req, res) => {\n  res.json(await db.select().from(orders));\n});\napp.get('/people', async (req, res) => {\n  res.json(await kdb.selectFrom('person').selectAll().execute());\n});\nexport default app;\n`,
        'src/schema.ts': `import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const orders = pgTable('orders', { id: serial('id') });\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:6:18 `db.select` (drizzle) reads every matching row with no `.limit()` while serving GET /orders. [GET /orders]',
      'src/app.ts:9:18 `kdb.selectFrom` (kysely) reads every matching row with no `.limit()` while serving GET /people. [GET /people]',
    ]);
  });

  it('stays quiet on limits from variables, reads by key or by a list of keys, lookup tables, streams, unreadable options and code no route reaches', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA, mongoose: '^8.0.0', knex: '^3.1.0' },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nimport knex from 'knex';\nimport mongoose from 'mongoose';\nexport const prisma = new PrismaClient();\nexport const db = knex({ client: 'pg', acquireConnectionTimeout: 5000 });\nexport const Event = mongoose.model('Event', new mongoose.Schema({ at: Date }));\n`,
        'src/app.ts': `import express from 'express';\nimport { prisma, db, Event } from './db';\nconst app = express();\nconst pageSize = 20;\napp.get('/orders', async (req, res) => {\n  const limit = Math.min(Number(req.query.limit ?? 20), 100);\n  res.json(await prisma.order.findMany({ take: limit, orderBy: { id: 'asc' } }));\n});\napp.get('/orders/page', async (req, res) => res.json(await prisma.order.findMany({ take: pageSize, skip: 20, orderBy: { id: 'asc' } })));\napp.get('/orders/by-ids', async (req, res) => res.json(await prisma.order.findMany({ where: { id: { in: req.body.ids } } })));\napp.get('/users/:email', async (req, res) => res.json(await prisma.user.findMany({ where: { email: req.params.email } })));\napp.get('/roles', async (req, res) => res.json(await prisma.role.findMany()));\napp.get('/countries', async (req, res) => res.json(await db('countries').select('code', 'name')));\napp.get('/events', async (req, res) => res.json(await Event.find().sort({ at: -1 }).limit(50)));\napp.get('/events/export', async (req, res) => {\n  for await (const event of Event.find().cursor()) res.write(JSON.stringify(event));\n  res.end();\n});\napp.get('/search', async (req, res) => res.json(await prisma.order.findMany(req.body.query)));\napp.get('/spread', async (req, res) => res.json(await prisma.order.findMany({ ...req.body.query, where: { paid: true } })));\napp.get('/first', async (req, res) => res.json(await db('orders').where('id', req.query.id).first()));\nexport default app;\n`,
        'scripts/export.ts': `import { prisma } from '../src/db';\nexport const everything = () => prisma.order.findMany();\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on reads deep below the handler (a computation needing every row), on distinct column values, on reads scoped to one owner or one parent and on write routes that need every matching row', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/app.ts': `import express from 'express';\nimport { summary } from './portfolio/summary';\nimport { prisma } from './db';\nconst app = express();\napp.get('/portfolio', async (req, res) => res.json(await summary(req.query.user as string)));\napp.get('/currencies', async (req, res) => res.json(await prisma.account.findMany({ distinct: ['currency'], select: { currency: true } })));\napp.get('/symbols/:symbol/splits', async (req, res) => res.json(await prisma.split.findMany({ where: { symbolProfile: { dataSource: 'YAHOO', symbol: req.params.symbol } }, orderBy: { date: 'asc' } })));\napp.get('/me/accounts', async (req, res) => res.json(await prisma.account.findMany({ where: { userId: req.query.user as string }, orderBy: { name: 'asc' } })));\napp.put('/holdings/:symbol/tags', async (req, res) => {\n  const activities = await prisma.activity.findMany({ where: { symbol: req.params.symbol } });\n  res.json(await Promise.all(activities.map((activity) => prisma.activity.update({ where: { id: activity.id }, data: { tags: req.body.tags } }))));\n});\nexport default app;\n`,
        'src/portfolio/summary.ts': `import { performance } from './performance';\nexport const summary = async (user: string) => ({ performance: await performance(user) });\n`,
        'src/portfolio/performance.ts': `import { valuation } from './valuation';\nexport const performance = (user: string) => valuation(user);\n`,
        'src/portfolio/valuation.ts': `import { prisma } from '../db';\nexport async function valuation(user: string) {\n  const activities = await prisma.activity.findMany({ where: { user }, orderBy: { date: 'asc' } });\n  return activities.reduce((sum, activity) => sum + activity.value, 0);\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on admin-curated lists (platforms, providers, tags, delivery methods) and on whole reads that feed a computation or a bulk write rather than the response', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, sequelize: '^6.37.0' },
      files: {
        'src/models.ts': `import { Model } from 'sequelize';\nexport class Platform extends Model {}\nexport class ShippingMethod extends Model {}\nexport class Badge extends Model {}\nexport class Ticket extends Model {}\n`,
        'src/app.ts': `import express from 'express';\nimport { createHash } from 'node:crypto';\nimport { Badge, Platform, ShippingMethod, Ticket } from './models';\nconst app = express();\napp.get('/platforms', async (req, res) => {\n  res.json(await Platform.findAll());\n});\napp.get('/shipping', async (req, res) => {\n  const methods = await ShippingMethod.findAll();\n  res.json(methods.map((method: any) => method.get('name')));\n});\napp.get('/progress-code', async (req, res) => {\n  const badges = await Badge.findAll({ where: { earned: true } });\n  const ids: number[] = [];\n  for (const badge of badges) ids.push(Number(badge.get('id')));\n  res.json({ code: createHash('sha256').update(ids.join(',')).digest('hex') });\n});\napp.get('/tickets/open', async (req, res) => {\n  const tickets = await Ticket.findAll({ where: { open: true } });\n  res.json({ open: tickets.length > 0 });\n});\napp.get('/tickets/archive', async (req, res) => {\n  const tickets = await Ticket.findAll({ where: { open: false } });\n  res.json(await Ticket.bulkCreate(tickets.map((ticket: any) => ({ ...ticket.get(), archived: true }))));\n});\nexport default app;\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
