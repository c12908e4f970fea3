import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'n-plus-one';
const PRISMA = { '@prisma/client': '^6.0.0' };

describe('n-plus-one', () => {
  it('fires on a Prisma query awaited in a for-of loop of an Express handler, naming the route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = globalThis.prisma || new PrismaClient();\n`,
        'src/app.ts': `import express from 'express';\nimport { prisma } from './db';\nconst app = express();\napp.get('/orders', async (req, res) => {\n  const orders = await prisma.order.findMany({ take: 20 });\n  const rows = [];\n  for (const order of orders) {\n    const customer = await prisma.customer.findUnique({ where: { id: order.customerId } });\n    rows.push({ ...order, customer });\n  }\n  res.json(rows);\n});\nexport default app;\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:8:28 `prisma.customer.findUnique` (prisma findUnique) runs once per element of a `for-of` loop: one query per row while serving GET /orders. [GET /orders]']);
  });

  it('reports several queries per element of one loop once, counting them, and two loops twice', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/app.ts': `import express from 'express';\nimport { prisma } from './db';\nconst app = express();\napp.get('/orders', async (req, res) => {\n  const orders = await prisma.order.findMany({ take: 20 });\n  const rows = [];\n  for (const order of orders) {\n    const customer = await prisma.customer.findUnique({ where: { id: order.customerId } });\n    const address = await prisma.address.findFirst({ where: { customerId: order.customerId } });\n    rows.push({ ...order, customer, address });\n  }\n  for (const order of orders) rows.push(await prisma.invoice.findFirst({ where: { orderId: order.id } }));\n  res.json(rows);\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:8:28 `prisma.customer.findUnique` (prisma findUnique) and 1 other query of the same loop runs once per element of a `for-of` loop: one query per row while serving GET /orders. [GET /orders]',
      'src/app.ts:12:47 `prisma.invoice.findFirst` (prisma findFirst) runs once per element of a `for-of` loop: one query per row while serving GET /orders. [GET /orders]',
    ]);
  });

  it('fires in a NestJS service where a .map() callback calls a helper that queries, tracing controller → service → helper → query', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ArticlesController } from './articles/articles.controller';\nimport { ArticlesService } from './articles/articles.service';\n@Module({ controllers: [ArticlesController], providers: [ArticlesService] })\nexport class AppModule {}\n`,
        'src/articles/articles.controller.ts': `import { Controller, Get } from '@nestjs/common';\nimport { ArticlesService } from './articles.service';\n@Controller('articles')\nexport class ArticlesController {\n  constructor(private readonly articles: ArticlesService) {}\n  @Get()\n  list() {\n    return this.articles.list();\n  }\n}\n`,
        'src/articles/articles.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Article } from './article.entity';\nimport { User } from './user.entity';\n@Injectable()\nexport class ArticlesService {\n  constructor(\n    @InjectRepository(Article) private readonly articles: Repository<Article>,\n    @InjectRepository(User) private readonly users: Repository<User>,\n  ) {}\n  async list() {\n    const articles = await this.articles.find({ take: 20, order: { id: 'DESC' } });\n    return Promise.all(articles.map((article) => this.withAuthor(article)));\n  }\n  private async withAuthor(article: Article) {\n    return { ...article, author: await this.users.findOneBy({ id: article.authorId }) };\n  }\n}\n`,
        'src/articles/article.entity.ts': `export class Article {\n  id!: number;\n  authorId!: number;\n}\n`,
        'src/articles/user.entity.ts': `export class User {\n  id!: number;\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/articles/articles.service.ts:14:50 `this.withAuthor` runs a query (`this.users.findOneBy`, typeorm findOneBy) once per element of a `.map()` callback in `ArticlesService.list`: one query per row while serving GET /articles. [GET /articles]',
    ]);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/articles/articles.controller.ts:7 GET /articles is handled by ArticlesController.list',
      'src/articles/articles.controller.ts:8 calls ArticlesService.list',
      'src/articles/articles.service.ts:14 calls ArticlesService.withAuthor',
      'src/articles/articles.service.ts:17 calls this.users.findOneBy',
    ]);
  });

  it('fires in a Fastify route whose loop calls a function of another file that queries Mongoose', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, mongoose: '^8.0.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport teams from './teams';\nconst app = Fastify();\napp.register(teams, { prefix: '/teams' });\n`,
        'src/teams.ts': `import type { FastifyInstance } from 'fastify';\nimport { Team, membersOf } from './team.model';\nexport default async function teams(app: FastifyInstance) {\n  app.get('/', async () => {\n    const result = [];\n    for (const team of await Team.find().limit(50)) result.push({ team, members: await membersOf(team.id) });\n    return result;\n  });\n}\n`,
        'src/team.model.ts': `import mongoose from 'mongoose';\nexport const Team = mongoose.model('Team', new mongoose.Schema({ name: String }));\nconst Member = mongoose.model('Member', new mongoose.Schema({ team: String }));\nexport function membersOf(team: string) {\n  return Member.find({ team }).limit(100);\n}\n`,
      },
    });
    expect(lines).toEqual(['src/teams.ts:6:88 `membersOf` runs a query (`Member.find`, mongoose find) once per element of a `for-of` loop in `teams`: one query per row while serving GET /teams. [GET /teams]']);
  });

  it('fires in a service function no route is seen to reach (Sequelize, CommonJS), without a route', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'legacy', dependencies: { ...EXPRESS, sequelize: '^6.37.0' } }),
        'src/models/invoice.js': `const { Model } = require('sequelize');\nclass Invoice extends Model {}\nmodule.exports = Invoice;\n`,
        'src/services/invoice.service.js': `const Invoice = require('../models/invoice');\nasync function totals(ids) {\n  let sum = 0;\n  for (let i = 0; i < ids.length; i++) {\n    const invoice = await Invoice.findByPk(ids[i]);\n    sum += invoice.total;\n  }\n  return sum;\n}\nmodule.exports = { totals };\n`,
        'src/routes/index.js': `const express = require('express');\nmodule.exports = express.Router();\n`,
      },
    });
    expect(lines).toEqual(['src/services/invoice.service.js:5:27 `Invoice.findByPk` (sequelize findByPk) runs once per element of a `for` loop in `totals`: one query per row.']);
  });

  it('stays quiet on one query before the loop with a Map lookup, on batches paged by a while loop or a for loop stepping an offset, and on pure work in loops', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/app.ts': `import express from 'express';\nimport { prisma } from './db';\nimport { format } from './format';\nimport { archiveAll } from './batches';\nconst app = express();\napp.get('/orders', async (req, res) => {\n  const orders = await prisma.order.findMany({ take: 20, orderBy: { id: 'asc' } });\n  const customers = await prisma.customer.findMany({ where: { id: { in: orders.map((order) => order.customerId) } } });\n  const byId = new Map(customers.map((customer) => [customer.id, customer]));\n  res.json(orders.map((order) => format(order, byId.get(order.customerId))));\n});\napp.post('/archive', async (req, res) => res.json(await archiveAll(10000)));\napp.post('/reindex', async (req, res) => {\n  let cursor = 0;\n  while (true) {\n    const batch = await prisma.order.findMany({ take: 500, where: { id: { gt: cursor } }, orderBy: { id: 'asc' } });\n    if (!batch.length) break;\n    cursor = batch[batch.length - 1].id;\n  }\n  res.sendStatus(204);\n});\nexport default app;\n`,
        'src/batches.ts': `import { prisma } from './db';\nexport async function archiveAll(total: number) {\n  for (let skip = 0; skip < total; skip += 500) {\n    const batch = await prisma.order.findMany({ skip, take: 500, orderBy: { id: 'asc' } });\n    await prisma.archive.createMany({ data: batch });\n  }\n}\n`,
        'src/format.ts': `export function format(order: { id: number }, customer: unknown) {\n  return { id: order.id, customer };\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet in scripts, seeds, tests and helpers no route or service reaches', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/app.ts': `import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\nexport default app;\n`,
        'scripts/backfill.ts': `import { prisma } from '../src/db';\nexport async function backfill(ids: number[]) {\n  for (const id of ids) await prisma.order.update({ where: { id }, data: { archived: true } });\n}\n`,
        'prisma/seed.ts': `import { prisma } from '../src/db';\nfor (const name of ['a', 'b']) await prisma.tag.create({ data: { name } });\n`,
        'test/orders.test.ts': `import { prisma } from '../src/db';\nfor (const id of [1, 2]) await prisma.order.delete({ where: { id } });\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('fires on a raw SELECT through a pg Pool in a loop of a Fastify handler, the SQL held in a constant', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, pg: '^8.13.0' },
      files: {
        'src/db.ts': `import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: 5000 });\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport { pool } from './db';\nconst PRICE = 'SELECT price FROM prices WHERE sku = $1';\nconst app = Fastify();\napp.post('/quote', async (request) => {\n  const { skus } = request.body as { skus: string[] };\n  let total = 0;\n  for (const sku of skus) total += (await pool.query(PRICE, [sku])).rows[0].price;\n  return { total };\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:8:43 `pool.query` (pg query) runs once per element of a `for-of` loop: one query per row while serving POST /quote. [POST /quote]']);
  });

  it('stays quiet on a write per element (an import saving each row) and on raw statements that are not reads', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA, pg: '^8.13.0' },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nimport { Pool } from 'pg';\nexport const prisma = new PrismaClient();\nexport const pool = new Pool({ statement_timeout: 5000 });\n`,
        'src/app.ts': `import express from 'express';\nimport { prisma, pool } from './db';\nconst app = express();\napp.post('/import', async (req, res) => {\n  for (const row of req.body.rows) await prisma.order.create({ data: row });\n  for (const id of req.body.ids) await pool.query('UPDATE orders SET seen = true WHERE id = $1', [id]);\n  res.sendStatus(204);\n});\nexport default app;\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a query the loop returns or breaks after, on a fallback branch and a memo per distinct key, and on loops over an enum, a literal list or configured values', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, '@prisma/client': '^6.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { RatesController } from './rates.controller';\nimport { RatesService } from './rates.service';\n@Module({ controllers: [RatesController], providers: [RatesService] })\nexport class AppModule {}\n`,
        'src/rates.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';\nimport { RatesService } from './rates.service';\n@Controller('rates')\nexport class RatesController {\n  constructor(private readonly rates: RatesService) {}\n  @Get(':code')\n  async get(@Param('code') code: string) {\n    return [await this.rates.firstMatch(code), await this.rates.fallback(code), await this.rates.perKind(code), await this.rates.perSource(), await this.rates.perRegion()];\n  }\n}\n`,
        'src/rates.service.ts': `import { Injectable } from '@nestjs/common';\nimport { PrismaClient, Source } from '@prisma/client';\nimport { ConfigService } from './config.service';\n@Injectable()\nexport class RatesService {\n  private readonly prisma = new PrismaClient();\n  constructor(private readonly config: ConfigService) {}\n  async firstMatch(code: string) {\n    for (const rule of await this.prisma.rule.findMany({ take: 20 })) {\n      if (rule.code === code) {\n        const rate = await this.prisma.rate.findFirst({ where: { ruleId: rule.id } });\n        return rate;\n      }\n    }\n    for (const tier of await this.prisma.tier.findMany({ take: 5 })) {\n      const hit = await this.prisma.rate.findFirst({ where: { tierId: tier.id, code } });\n      break;\n    }\n    return null;\n  }\n  async fallback(code: string) {\n    const quotes = await this.prisma.quote.findMany({ where: { code }, take: 50 });\n    for (const quote of quotes) {\n      if (!quote.price) {\n        quote.price = (await this.prisma.rate.findFirst({ where: { code: quote.code } }))?.price;\n      }\n    }\n    return quotes;\n  }\n  async perKind(code: string) {\n    const cache: Record<string, unknown> = {};\n    for (const line of await this.prisma.line.findMany({ where: { code }, take: 50 })) {\n      if (cache[line.kind]) continue;\n      if (line.kind === 'flat') {\n        cache[line.kind] = 0;\n      } else {\n        cache[line.kind] = await this.prisma.rate.findFirst({ where: { kind: line.kind } });\n      }\n    }\n    return cache;\n  }\n  async perSource() {\n    const sources = Object.values(Source);\n    return Promise.all(sources.map((source) => this.prisma.rate.count({ where: { source } })));\n  }\n  async perRegion() {\n    const totals = [];\n    for (const region of ['eu', 'us']) totals.push(await this.prisma.rate.count({ where: { region } }));\n    for (const currency of this.config.get('currencies')) totals.push(await this.prisma.rate.count({ where: { currency } }));\n    return totals;\n  }\n}\n`,
        'src/config.service.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class ConfigService {\n  get(key: string): string[] {\n    return (process.env[key] ?? '').split(',');\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('fires when a positive guard or a type switch inside the loop still runs the query for each element', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, sequelize: '^6.37.0' },
      files: {
        'src/models.ts': `import { Model } from 'sequelize';\nexport class Stock extends Model {}\nexport class Cart extends Model {}\n`,
        'src/app.ts': `import express from 'express';\nimport { Cart, Stock } from './models';\nconst app = express();\napp.post('/checkout/:id', async (req, res) => {\n  const cart: any = await Cart.findByPk(req.params.id);\n  for (const item of cart.items ?? []) {\n    if (item.productId != null) {\n      const stock = await Stock.findOne({ where: { productId: item.productId } });\n      item.left = stock?.get('quantity');\n    }\n  }\n  res.json(cart);\n});\nexport default app;\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:8:27 `Stock.findOne` (sequelize findOne) runs once per element of a `for-of` loop: one query per row while serving POST /checkout/:id. [POST /checkout/:id]']);
  });
});
