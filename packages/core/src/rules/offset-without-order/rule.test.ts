import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'offset-without-order';
const PRISMA = { '@prisma/client': '^6.0.0' };

describe('offset-without-order', () => {
  it('fires on Prisma findMany with skip and no orderBy, and on Sequelize findAll with offset and no order (Express)', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA, sequelize: '^6.37.0' },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nimport { Model } from 'sequelize';\nexport const prisma = new PrismaClient();\nexport class Invoice extends Model {}\n`,
        'src/services/orders.ts': `import { prisma, Invoice } from '../db';\nexport function page(page: number, size: number) {\n  return prisma.order.findMany({ skip: page * size, take: size });\n}\nexport function invoices(offset: number) {\n  return Invoice.findAll({ where: { paid: false }, offset, limit: 20 });\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/services/orders.ts:3:10 `prisma.order.findMany` (prisma) pages with `skip` with no `orderBy`: rows come back in no stable order, so pages overlap and skip rows.',
      'src/services/orders.ts:6:10 `Invoice.findAll` (sequelize) pages with `offset` with no `order`: rows come back in no stable order, so pages overlap and skip rows.',
    ]);
  });

  it('fires on a TypeORM find and a query builder with skip and no order in a NestJS repository', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/articles/articles.repository.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Article } from './article.entity';\n@Injectable()\nexport class ArticlesRepository {\n  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}\n  page(skip: number) {\n    return this.articles.find({ skip, take: 20 });\n  }\n  byTag(tag: string, skip: number) {\n    return this.articles.createQueryBuilder('article').where('article.tag = :tag', { tag }).skip(skip).take(20).getMany();\n  }\n}\n`,
        'src/articles/article.entity.ts': `export class Article {\n  id!: number;\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/articles/articles.repository.ts:9:12 `this.articles.find` (typeorm) pages with `skip` with no `order`: rows come back in no stable order, so pages overlap and skip rows.',
      'src/articles/articles.repository.ts:12:12 `this.articles.createQueryBuilder` (typeorm) pages with `.skip()` with no `.orderBy()`: rows come back in no stable order, so pages overlap and skip rows.',
    ]);
  });

  it('fires on Mongoose .skip() without .sort(), Knex .offset() without .orderBy() and raw SQL with OFFSET and no ORDER BY (Fastify)', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, mongoose: '^8.0.0', knex: '^3.1.0', pg: '^8.13.0' },
      files: {
        'src/db.ts': `import mongoose from 'mongoose';\nimport knex from 'knex';\nimport { Pool } from 'pg';\nexport const Event = mongoose.model('Event', new mongoose.Schema({ at: Date }));\nexport const db = knex({ client: 'pg' });\nexport const pool = new Pool();\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport { Event, db, pool } from './db';\nconst app = Fastify();\nconst PAGE = 'SELECT id, total FROM orders LIMIT 20 OFFSET $1';\napp.get('/events', async (request) => Event.find().skip(Number((request.query as { from: string }).from)).limit(20));\napp.get('/orders', async () => db('orders').select('id').limit(20).offset(40));\napp.get('/raw', async () => (await pool.query(PAGE, [40])).rows);\napp.get('/raw2', async (request) => (await pool.query(\`SELECT * FROM t WHERE owner = '\${request.id}' LIMIT 10 OFFSET 20\`)).rows);\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:5:39 `Event.find` (mongoose) pages with `.skip()` with no `.sort()`: rows come back in no stable order, so pages overlap and skip rows.',
      'src/app.ts:6:32 `db(\'orders\')` (knex) pages with `.offset()` with no `.orderBy()`: rows come back in no stable order, so pages overlap and skip rows.',
      'src/app.ts:7:36 `pool.query` (pg) pages with SQL with `OFFSET` and no `ORDER BY`: rows come back in no stable order, so pages overlap and skip rows.',
    ]);
  });

  it('stays quiet with an order in every form, on keyset pagination, on reads without offset and on unreadable options', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...PRISMA, mongoose: '^8.0.0', knex: '^3.1.0', pg: '^8.13.0' },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nimport mongoose from 'mongoose';\nimport knex from 'knex';\nimport { Pool } from 'pg';\nexport const prisma = new PrismaClient();\nexport const Event = mongoose.model('Event', new mongoose.Schema({ at: Date }));\nexport const db = knex({ client: 'pg' });\nexport const pool = new Pool();\n`,
        'src/pages.ts': `import { prisma, Event, db, pool } from './db';\nexport const a = (skip: number) => prisma.order.findMany({ skip, take: 20, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });\nexport const b = (after: number) => prisma.order.findMany({ where: { id: { gt: after } }, take: 20, orderBy: { id: 'asc' } });\nexport const c = (skip: number) => Event.find().sort({ at: -1, _id: -1 }).skip(skip).limit(20);\nexport const d = (skip: number) => Event.find({}, null, { skip, limit: 20, sort: { _id: 1 } });\nexport const e = (offset: number) => db('orders').orderBy('id').offset(offset).limit(20);\nexport const f = (offset: number) => pool.query('SELECT * FROM orders ORDER BY id LIMIT 20 OFFSET $1', [offset]);\nexport const g = (options: object) => prisma.order.findMany(options);\nexport const h = (skip: number, rest: object) => prisma.order.findMany({ ...rest, skip });\nexport const i = (sql: string) => pool.query(sql);\nexport const j = () => pool.query('SELECT * FROM orders LIMIT 20');\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
