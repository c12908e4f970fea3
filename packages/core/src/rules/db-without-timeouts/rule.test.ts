import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'db-without-timeouts';

describe('db-without-timeouts', () => {
  it('fires on a pg Pool and a mysql2 pool whose options set no timeout, the options held in a constant of another file', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, pg: '^8.13.0', mysql2: '^3.11.0' },
      files: {
        'src/config.ts': `export const database = { connectionString: process.env.DATABASE_URL, max: 20 };\n`,
        'src/db.ts': `import pg from 'pg';\nimport mysql from 'mysql2/promise';\nimport { database } from './config';\nexport const pool = new pg.Pool(database);\nexport const legacy = mysql.createPool({ host: 'db', connectionLimit: 10 });\n`,
      },
    });
    expect(lines).toEqual([
      'src/db.ts:4:21 `new pg.Pool(…)` (pg Pool) sets no connection or statement timeout (none of `statement_timeout`, `query_timeout`, `connectionTimeoutMillis`, `idle_in_transaction_session_timeout`): a stalled database holds every request that waits on it.',
      'src/db.ts:5:23 `mysql.createPool(…)` (mysql2 createPool) sets no connection or statement timeout (none of `connectTimeout`, `timeout`): a stalled database holds every request that waits on it.',
    ]);
  });

  it('fires on knex, Sequelize from a URL and mongoose.connect without timeouts (Fastify, CommonJS), the last two as info notices about a slow statement', async () => {
    const { lines, findings } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'svc', dependencies: { ...FASTIFY, knex: '^3.1.0', sequelize: '^6.37.0', mongoose: '^8.0.0' } }),
        'src/db.js': `const knex = require('knex');\nconst { Sequelize } = require('sequelize');\nconst mongoose = require('mongoose');\nconst db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 } });\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nmongoose.connect(process.env.MONGO_URL, { autoIndex: false });\nmodule.exports = { db, sequelize };\n`,
      },
    });
    expect(lines).toEqual([
      'src/db.js:4:12 `knex(…)` (knex instance) sets no connection or statement timeout (none of `acquireConnectionTimeout`, `pool.acquireTimeoutMillis`, `connection.statement_timeout`, `connection.query_timeout`, `connection.connectionTimeoutMillis`, `connection.connectTimeout`): a stalled database holds every request that waits on it.',
      'src/db.js:5:19 `new Sequelize(…)` (Sequelize instance) sets no per-operation time limit (`dialectOptions.statement_timeout`, `dialectOptions.query_timeout`): a slow query holds its request until it ends; waiting for a pooled connection gives up after the 60 s `pool.acquire` default.',
      'src/db.js:6:1 `mongoose.connect(…)` (Mongoose connection) sets no per-operation time limit (`socketTimeoutMS`, `maxTimeMS`): a slow query holds its request until it ends; the driver gives up selecting a server after 30 s (`serverSelectionTimeoutMS`) and Mongoose buffers commands for 10 s.',
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'info', 'info']);
  });

  it('fires on a NestJS TypeOrmModule.forRoot and a TypeORM DataSource the app imports, not on the CLI data source nothing imports', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\n@Module({ imports: [TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL, autoLoadEntities: true, extra: { max: 20 } })] })\nexport class AppModule {}\n`,
        'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const source = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });\n`,
        'src/reports/reports.service.ts': `import { source } from '../data-source';\nexport const count = () => source.query('SELECT count(*) FROM reports');\n`,
        'src/database/cli-data-source.ts': `import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, migrations: ['src/migrations/*.ts'] });\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.module.ts:3:21 `TypeOrmModule.forRoot(…)` (TypeORM DataSource) sets no connection or statement timeout (none of `connectTimeoutMS`, `connectTimeout`, `acquireTimeout`, `extra.statement_timeout`, `extra.query_timeout`, `extra.connectionTimeoutMillis`, `extra.connectTimeout`, `extra.acquireTimeout`): a stalled database holds every request that waits on it.',
      'src/data-source.ts:2:23 `new DataSource(…)` (TypeORM DataSource) sets no connection or statement timeout (none of `connectTimeoutMS`, `connectTimeout`, `acquireTimeout`, `extra.statement_timeout`, `extra.query_timeout`, `extra.connectionTimeoutMillis`, `extra.connectTimeout`, `extra.acquireTimeout`): a stalled database holds every request that waits on it.',
    ]);
  });

  it('stays quiet when a timeout is set (nested, in the URL), when options cannot be read, on embedded engines, Prisma, and scripts', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, pg: '^8.13.0', knex: '^3.1.0', sequelize: '^6.37.0', mongoose: '^8.0.0', typeorm: '^0.3.20', '@prisma/client': '^6.0.0', mysql2: '^3.11.0' },
      files: {
        'src/db.ts': `import { Pool, Client } from 'pg';\nimport knex from 'knex';\nimport { Sequelize } from 'sequelize';\nimport mongoose from 'mongoose';\nimport { DataSource } from 'typeorm';\nimport { PrismaClient } from '@prisma/client';\nimport { settings } from './settings';\nexport const a = new Pool({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 2000, statement_timeout: 5000 });\nexport const b = knex({ client: 'pg', connection: { connectionString: process.env.DATABASE_URL, statement_timeout: 5000 } });\nexport const c = new Sequelize(process.env.DATABASE_URL!, { pool: { max: 10, acquire: 5000 } });\nexport const d = new Sequelize('postgres://app@db/app?statement_timeout=5000');\nexport const e = new Pool(settings());\nexport const f = new Pool({ ...settings(), max: 5 });\nexport const g = new Sequelize('db', 'user', 'pass', { dialect: 'sqlite', storage: 'data.sqlite' });\nexport const h = new DataSource({ type: 'better-sqlite3', database: 'app.db' });\nexport const i = new PrismaClient();\nexport const j = new Client();\nvoid mongoose.connect(process.env.MONGO_URL!, { serverSelectionTimeoutMS: 5000, socketTimeoutMS: 30000 });\nexport const k = new Pool({ connectionString: 'postgres://app@db/app?options=-c%20statement_timeout%3D5000' });\n`,
        'src/settings.ts': `export const settings = () => ({ connectionString: process.env.DATABASE_URL });\n`,
        'scripts/create-database.ts': `import mysql from 'mysql2/promise';\nexport const admin = await mysql.createConnection({ host: 'db', user: 'root' });\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
