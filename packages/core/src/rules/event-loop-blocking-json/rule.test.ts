import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'event-loop-blocking-json';
const PRISMA = { '@prisma/client': '^6.0.0' };
const PRISMA_CLIENT = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;

describe('event-loop-blocking-json', () => {
  it('fires on JSON.stringify of an unbounded Prisma read a service returns to an Express handler, with the trace to the read', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA, ioredis: '^5.4.0' },
      files: {
        'src/db.ts': PRISMA_CLIENT,
        'src/cache.ts': `import Redis from 'ioredis';\nexport const redis = new Redis({ commandTimeout: 1000 });\n`,
        'src/services/orders.ts': `import { prisma } from '../db';\nexport function listOrders(status: string) {\n  return prisma.order.findMany({ where: { status }, orderBy: { createdAt: 'desc' } });\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { redis } from './cache';\nimport { listOrders } from './services/orders';\nconst app = express();\napp.get('/orders', async (req, res) => {\n  const orders = await listOrders(String(req.query.status));\n  await redis.set('orders', JSON.stringify(orders), 'EX', 60);\n  res.type('json').send(JSON.stringify({ items: orders.map((order) => order.id) }));\n});\nexport default app;\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:7:29 `JSON.stringify` serialises every row of `prisma.order.findMany` (prisma, no `take`) on the event loop while serving GET /orders. [GET /orders]',
      'src/app.ts:8:25 `JSON.stringify` serialises every row of `prisma.order.findMany` (prisma, no `take`) on the event loop while serving GET /orders. [GET /orders]',
    ]);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:5 GET /orders is handled by <anonymous>',
      'src/services/orders.ts:3 reads every matching row of prisma.order.findMany with no `take`',
      'src/app.ts:7 calls JSON.stringify',
    ]);
  });

  it('fires on JSON.parse of a request body an Express handler reads from the stream itself, with no size check', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nconst app = express();\napp.post('/import', (req, res) => {\n  let body = '';\n  req.on('data', (chunk) => {\n    body += chunk;\n  });\n  req.on('end', () => {\n    const items = JSON.parse(body);\n    res.json({ imported: items.length });\n  });\n});\nexport default app;\n`,
      },
    });
    expect(lines).toEqual(["src/app.ts:9:19 `JSON.parse` parses the raw request body, read from its stream with no size limit (`req.on('data', …)`) on the event loop while serving POST /import. [POST /import]"]);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:3 POST /import is handled by <anonymous>',
      'src/app.ts:5 reads the request stream with no size limit',
      'src/app.ts:9 calls JSON.parse',
    ]);
  });

  it('fires in Fastify on a Mongoose find with no .limit() serialised whole, and on request.raw read by hand and parsed', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, mongoose: '^8.0.0' },
      files: {
        'src/models.ts': `import mongoose from 'mongoose';\nexport const Event = mongoose.model('Event', new mongoose.Schema({ type: String, at: Date }));\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport { Event } from './models';\nconst app = Fastify();\napp.get('/events/export', async (request, reply) => {\n  const events = await Event.find({ type: 'login' }).sort({ at: -1 }).lean();\n  const text = JSON.stringify(events);\n  return reply.header('content-type', 'application/json').send(text);\n});\napp.post('/events/bulk', (request, reply) => {\n  let raw = '';\n  request.raw.on('data', (chunk: Buffer) => { raw += chunk; });\n  request.raw.on('end', () => reply.send({ count: JSON.parse(raw.toString()).length }));\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:6:16 `JSON.stringify` serialises every row of `Event.find` (mongoose, no `.limit()`) on the event loop while serving GET /events/export. [GET /events/export]',
      "src/app.ts:12:51 `JSON.parse` parses the raw request body, read from its stream with no size limit (`request.raw.on('data', …)`) on the event loop while serving POST /events/bulk. [POST /events/bulk]",
    ]);
  });

  it('fires in a NestJS service behind a controller that caches a whole TypeORM table as JSON', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ArticlesController } from './articles.controller';\nimport { ArticlesService } from './articles.service';\n@Module({ controllers: [ArticlesController], providers: [ArticlesService] })\nexport class AppModule {}\n`,
        'src/articles.controller.ts': `import { Controller, Get } from '@nestjs/common';\nimport { ArticlesService } from './articles.service';\n@Controller('articles')\nexport class ArticlesController {\n  constructor(private readonly articles: ArticlesService) {}\n  @Get('feed')\n  feed() {\n    return this.articles.feed();\n  }\n}\n`,
        'src/articles.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Article } from './article.entity';\nconst snapshots = new Map<string, string>();\n@Injectable()\nexport class ArticlesService {\n  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}\n  async feed() {\n    const all = await this.articles.find({ order: { id: 'DESC' } });\n    snapshots.set('feed', JSON.stringify(all));\n    return all;\n  }\n}\n`,
        'src/article.entity.ts': `export class Article {\n  id!: number;\n}\n`,
      },
    });
    expect(lines).toEqual(['src/articles.service.ts:11:27 `JSON.stringify` serialises every row of `this.articles.find` (typeorm, no `take`) on the event loop while serving GET /articles/feed. [GET /articles/feed]']);
  });

  it('fires in a NestJS controller that reads the @Req() stream by hand and parses it', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ImportController } from './import.controller';\n@Module({ controllers: [ImportController] })\nexport class AppModule {}\n`,
        'src/import.controller.ts': `import { Controller, Post, Req } from '@nestjs/common';\nimport type { Request } from 'express';\n@Controller('import')\nexport class ImportController {\n  @Post()\n  run(@Req() req: Request) {\n    let raw = '';\n    req.on('data', (chunk) => {\n      raw += chunk;\n    });\n    return new Promise((resolve) => req.on('end', () => resolve(JSON.parse(raw))));\n  }\n}\n`,
      },
    });
    expect(lines).toEqual(["src/import.controller.ts:11:65 `JSON.parse` parses the raw request body, read from its stream with no size limit (`req.on('data', …)`) on the event loop while serving POST /import. [POST /import]"]);
  });

  it('stays quiet on framework-parsed bodies, small literals, logging, start-up config, a deep copy of one object and code no route reaches', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA, pino: '^9.0.0' },
      files: {
        'src/db.ts': PRISMA_CLIENT,
        'src/config.ts': `import { readFileSync } from 'node:fs';\nexport const config = JSON.parse(readFileSync('config.json', 'utf8'));\n`,
        'src/app.ts': `import express from 'express';\nimport pino from 'pino';\nimport { prisma } from './db';\nimport { config } from './config';\nconst logger = pino();\nconst app = express();\napp.use(express.json({ limit: '100kb' }));\napp.use('/webhooks', express.text({ type: 'application/json' }));\napp.post('/webhooks/stripe', (req, res) => {\n  const event = JSON.parse(req.body);\n  res.json({ received: event.id });\n});\napp.post('/orders', async (req, res) => {\n  logger.info(JSON.stringify(req.body));\n  const order = await prisma.order.findUnique({ where: { id: req.body.id } });\n  const copy = JSON.parse(JSON.stringify(order));\n  res.send(JSON.stringify({ ok: true, copy, region: config.region }));\n});\nexport default app;\n`,
        'scripts/export.ts': `import { prisma } from '../src/db';\nexport const dump = async () => JSON.stringify(await prisma.order.findMany());\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on bounded reads (a limit, by key, by owner, a lookup table, a table named in smallTables) and on a body listener that checks a size', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA },
      files: {
        'strata.config.json': JSON.stringify({ ruleOptions: { 'event-loop-blocking-json': { smallTables: ['warehouse'] } } }),
        'src/db.ts': PRISMA_CLIENT,
        'src/app.ts': `import express from 'express';\nimport { prisma } from './db';\nconst app = express();\nconst MAX_BYTES = 1_000_000;\napp.get('/orders', async (req, res) => {\n  const page = await prisma.order.findMany({ take: 50, orderBy: { id: 'asc' } });\n  res.send(JSON.stringify(page));\n});\napp.get('/orders/by-ids', async (req, res) => res.send(JSON.stringify(await prisma.order.findMany({ where: { id: { in: [1, 2] } } }))));\napp.get('/me/orders', async (req, res) => res.send(JSON.stringify(await prisma.order.findMany({ where: { userId: String(req.query.user) } }))));\napp.get('/roles', async (req, res) => res.send(JSON.stringify(await prisma.role.findMany())));\napp.get('/warehouses', async (req, res) => res.send(JSON.stringify(await prisma.warehouse.findMany())));\napp.post('/import', (req, res) => {\n  let body = '';\n  req.on('data', (chunk) => {\n    body += chunk;\n    if (body.length > MAX_BYTES) req.destroy();\n  });\n  req.on('end', () => res.json(JSON.parse(body)));\n});\nexport default app;\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet in Fastify on a body its content-type parser read, a paged Mongoose find and a stream piped to the reply', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, mongoose: '^8.0.0' },
      files: {
        'src/models.ts': `import mongoose from 'mongoose';\nexport const Event = mongoose.model('Event', new mongoose.Schema({ type: String, at: Date }));\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport { Event } from './models';\nconst app = Fastify({ bodyLimit: 1_048_576 });\napp.addContentTypeParser('text/plain', { parseAs: 'string' }, (request, body, done) => done(null, body));\napp.post('/events', async (request) => {\n  const events = JSON.parse(request.body as string);\n  return { received: events.length };\n});\napp.get('/events', async () => {\n  const page = await Event.find({ type: 'login' }).sort({ at: -1 }).limit(100).lean();\n  return JSON.stringify(page);\n});\napp.get('/events/stream', async (request, reply) => reply.send(Event.find().cursor()));\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet in NestJS on a @Body() DTO, one entity serialised, a paged TypeORM read and a raw request read with a size check', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ArticlesController } from './articles.controller';\nimport { ArticlesService } from './articles.service';\n@Module({ controllers: [ArticlesController], providers: [ArticlesService] })\nexport class AppModule {}\n`,
        'src/articles.controller.ts': `import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';\nimport type { Request } from 'express';\nimport { ArticlesService } from './articles.service';\nconst MAX_BYTES = 65_536;\n@Controller('articles')\nexport class ArticlesController {\n  constructor(private readonly articles: ArticlesService) {}\n  @Post()\n  create(@Body() dto: { title: string }) {\n    return this.articles.audit(JSON.stringify(dto));\n  }\n  @Get(':id')\n  one(@Param('id') id: string) {\n    return this.articles.one(Number(id));\n  }\n  @Get()\n  page() {\n    return this.articles.page();\n  }\n  @Post('import')\n  import(@Req() req: Request) {\n    let raw = '';\n    req.on('data', (chunk) => {\n      raw += chunk;\n      if (raw.length > MAX_BYTES) req.destroy();\n    });\n    return new Promise((resolve) => req.on('end', () => resolve(JSON.parse(raw))));\n  }\n}\n`,
        'src/articles.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Article } from './article.entity';\nconst snapshots = new Map<string, string>();\n@Injectable()\nexport class ArticlesService {\n  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}\n  audit(text: string) {\n    return { length: text.length };\n  }\n  async one(id: number) {\n    const article = await this.articles.findOne({ where: { id } });\n    snapshots.set(String(id), JSON.stringify(article));\n    return article;\n  }\n  async page() {\n    const latest = await this.articles.find({ order: { id: 'DESC' }, take: 20 });\n    snapshots.set('latest', JSON.stringify(latest));\n    return latest;\n  }\n}\n`,
        'src/article.entity.ts': `export class Article {\n  id!: number;\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
