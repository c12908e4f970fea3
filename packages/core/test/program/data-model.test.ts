import { describe, expect, it } from 'vitest';
import { DataAccessModel } from '../../src/program/data/model.js';
import type { ProgramModels } from '../../src/program/models.js';
import { modelsForSuite } from '../helpers/rule-tester.js';

const modelsOf = modelsForSuite();

/** Every query the model sees in the project, as `file:line library.operation kind`. */
function queries(models: ProgramModels): string[] {
  const found: string[] = [];
  for (const file of models.programFiles) {
    const functions = models.linker.summary(file)!.functions;
    for (let fn = -1; fn < functions.length; fn++) {
      for (const call of models.calls.callsIn({ file, fn })) {
        const query = DataAccessModel.queryOf(call);
        if (query) found.push(`${file}:${call.site.line} ${query.library}.${query.operation} ${query.kind}`);
      }
    }
  }
  return found.sort();
}

describe('data-access model', () => {
  it('finds Prisma, TypeORM, Mongoose and Sequelize queries through clients, injected repositories and models', async () => {
    const models = await modelsOf(
      {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/users.ts': `import { prisma } from './db';\nexport const listUsers = () => prisma.user.findMany({ take: 10 });\nexport const raw = (id: string) => prisma.$queryRawUnsafe('select 1 where id = ' + id);\n`,
        'src/orders.service.ts': `import { Repository } from 'typeorm';\nimport { InjectRepository } from '@nestjs/typeorm';\nexport class OrdersService {\n  constructor(@InjectRepository(Object) private readonly orders: Repository<object>) {}\n  find(id: string) { return this.orders.findOne({ where: { id } }); }\n  save(order: object) { return this.orders.save(order); }\n}\n`,
        'src/models/cat.ts': `import mongoose from 'mongoose';\nexport const Cat = mongoose.model('Cat', new mongoose.Schema({ name: String }));\n`,
        'src/cats.ts': `import { Cat } from './models/cat';\nexport const cats = () => Cat.find().limit(20);\n`,
        'src/models/book.ts': `import { Model } from 'sequelize';\nexport class Book extends Model {}\n`,
        'src/books.ts': `import { Book } from './models/book';\nexport const books = () => Book.findAll({ limit: 5 });\n`,
      },
      { '@prisma/client': '^6.0.0', typeorm: '^0.3.0', '@nestjs/typeorm': '^11.0.0', mongoose: '^8.0.0', sequelize: '^6.0.0' },
    );
    expect(queries(models)).toEqual([
      'src/books.ts:2 sequelize.findAll read-many',
      'src/cats.ts:2 mongoose.find read-many',
      'src/orders.service.ts:5 typeorm.findOne read-one',
      'src/orders.service.ts:6 typeorm.save write',
      'src/users.ts:2 prisma.findMany read-many',
      'src/users.ts:3 prisma.$queryRawUnsafe raw',
    ]);
  });

  it('finds driver and builder queries (pg, mysql2, Knex, Drizzle, Kysely, Slonik, MikroORM) and the clients with their options', async () => {
    const models = await modelsOf(
      {
        'src/pg.ts': `import { Pool } from 'pg';\nconst pool = new Pool({ max: 10, statement_timeout: 5000 });\nexport const one = (id: string) => pool.query('select * from t where id = $1', [id]);\n`,
        'src/mysql.ts': `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ uri: 'mysql://x' });\nexport const rows = () => pool.execute('select 1');\n`,
        'src/knex.ts': `import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport const users = () => db('users').where({ active: true }).limit(10);\nexport const add = () => db('users').insert({ name: 'x' });\n`,
        'src/drizzle.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\nconst db = drizzle(process.env.DATABASE_URL!);\nexport const all = () => db.select().from({} as never).limit(5);\nexport const byId = () => db.query.users.findFirst();\n`,
        'src/kysely.ts': `import { Kysely } from 'kysely';\nconst db = new Kysely<any>({ dialect: {} as never });\nexport const people = () => db.selectFrom('person').selectAll().execute();\n`,
        'src/slonik.ts': `import { createPool, sql } from 'slonik';\nconst pool = await createPool('postgres://x');\nexport const names = () => pool.any(sql.unsafe\`select name from t\`);\n`,
        'src/mikro.ts': `import { EntityManager } from '@mikro-orm/postgresql';\nexport class Books {\n  constructor(private readonly em: EntityManager) {}\n  all() { return this.em.find('Book', {}); }\n}\n`,
      },
      { pg: '^8.0.0', mysql2: '^3.0.0', knex: '^3.0.0', 'drizzle-orm': '^0.40.0', kysely: '^0.27.0', slonik: '^46.0.0', '@mikro-orm/postgresql': '^6.0.0' },
    );
    expect(queries(models)).toEqual([
      'src/drizzle.ts:3 drizzle.select read-many',
      'src/drizzle.ts:4 drizzle.findFirst read-one',
      'src/knex.ts:3 knex.table read-many',
      'src/knex.ts:4 knex.insert write',
      'src/kysely.ts:3 kysely.selectFrom read-many',
      'src/mikro.ts:4 mikro-orm.find read-many',
      'src/mysql.ts:3 mysql2.execute raw',
      'src/pg.ts:3 pg.query raw',
      'src/slonik.ts:3 slonik.any read-many',
    ]);
    expect(models.data.clients().map((client) => `${client.file}:${client.site.line} ${client.what}`)).toEqual(['src/knex.ts:2 knex instance', 'src/mysql.ts:2 mysql2 createPool', 'src/pg.ts:2 pg Pool']);
  });

  it('says how raw SQL is built: a literal, a tagged template, text with values spliced in', async () => {
    const models = await modelsOf(
      {
        'src/raw.ts': `import { PrismaClient } from '@prisma/client';\nimport { Pool } from 'pg';\nconst prisma = new PrismaClient();\nconst pool = new Pool({ statement_timeout: 1000 });\nexport async function reads(id: string, sort: string) {\n  await pool.query('select * from users where id = $1', [id]);\n  await prisma.$queryRaw\`select * from users where id = \${id}\`;\n  await pool.query(\`select * from users order by \${sort}\`);\n  await pool.query('select * from users where id = ' + id);\n}\n`,
      },
      { '@prisma/client': '^6.0.0', pg: '^8.0.0' },
    );
    const reads = models.linker.summary('src/raw.ts')!.functions.findIndex((info) => info.name === 'reads');
    const built = models.calls
      .callsIn({ file: 'src/raw.ts', fn: reads })
      .flatMap((call) => DataAccessModel.queryOf(call) ?? [])
      .map((query) => `${query.operation} ${query.sql?.built}: ${query.sql?.text}`);
    expect(built).toEqual([
      'query literal: select * from users where id = $1',
      '$queryRaw tagged: select * from users where id = ',
      'query spliced: select * from users order by ',
      'query spliced: select * from users where id = ',
    ]);
  });

  it('knows when a query runs inside a transaction callback', async () => {
    const models = await modelsOf(
      {
        'src/transfer.ts': `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function transfer() {\n  await prisma.$transaction(async (tx) => {\n    await tx.account.update({ where: { id: 1 }, data: {} });\n  });\n}\nexport async function outside() {\n  return prisma.account.findMany({ take: 1 });\n}\n`,
      },
      { '@prisma/client': '^6.0.0' },
    );
    const functions = models.linker.summary('src/transfer.ts')!.functions;
    const callback = functions.findIndex((info) => info.parent >= 0);
    expect(models.data.transactionAround({ file: 'src/transfer.ts', fn: callback })?.text).toBe('prisma.$transaction');
    expect(models.data.transactionAround({ file: 'src/transfer.ts', fn: functions.findIndex((info) => info.name === 'outside') })).toBeNull();
  });
});
