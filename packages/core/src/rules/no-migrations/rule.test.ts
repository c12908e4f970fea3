import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'no-migrations';
const SEQUELIZE = { ...EXPRESS, sequelize: '^6.35.0', pg: '^8.11.0' };
const TYPEORM = { ...NEST, '@nestjs/typeorm': '^10.0.0', typeorm: '^0.3.20', pg: '^8.11.0' };
const NEST_CONTROLLER = `import { Controller, Get } from '@nestjs/common';\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  list() {\n    return [];\n  }\n}\n`;
const expressApp = (start: string) => `const express = require('express');\nconst { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL, { pool: { acquire: 5000 } });\nconst app = express();\napp.get('/users', (req, res) => res.json([]));\nasync function main() {\n${start}\n  app.listen(3000);\n}\nmain();\n`;

describe('no-migrations', () => {
  it('fires as an error on an Express service that syncs Sequelize with force at start, once for two calls', async () => {
    const { lines, findings } = await runRule(RULE, { dependencies: SEQUELIZE, files: { 'src/app.js': expressApp('  await sequelize.sync({ force: true });\n  await sequelize.sync({ force: true });') } });
    expect(lines).toEqual(['src/app.js:7:9 `sequelize.sync({ force: true })` (Sequelize): drops and recreates every table at each start: all data is lost. 1 more place does the same.']);
    expect(findings[0]!.severity).toBe('error');
  });

  it('fires on TypeORM synchronize: true in a NestJS forRootAsync factory and in ormconfig.json', async () => {
    const nest = await runRule(RULE, {
      dependencies: TYPEORM,
      files: {
        'src/items.controller.ts': NEST_CONTROLLER,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\nimport { ItemsController } from './items.controller';\n@Module({\n  imports: [\n    TypeOrmModule.forRootAsync({\n      useFactory: () => ({\n        type: 'postgres',\n        url: process.env.DATABASE_URL,\n        autoLoadEntities: true,\n        synchronize: true,\n      }),\n    }),\n  ],\n  controllers: [ItemsController],\n})\nexport class AppModule {}\n`,
      },
    });
    expect(nest.lines).toEqual(['src/app.module.ts:11:9 `synchronize: true` (TypeORM): alters the schema to match the entities whenever the app connects: a renamed or removed column is dropped with its data.']);
    const ormconfig = await runRule(RULE, {
      dependencies: TYPEORM,
      files: {
        'src/items.controller.ts': NEST_CONTROLLER,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\nimport { ItemsController } from './items.controller';\n@Module({ imports: [TypeOrmModule.forRoot()], controllers: [ItemsController] })\nexport class AppModule {}\n`,
        'ormconfig.json': '{\n  "type": "postgres",\n  "synchronize": true\n}\n',
      },
    });
    expect(ormconfig.lines).toEqual(['ormconfig.json:3:3 `synchronize: true` (TypeORM): alters the schema to match the entities whenever the app connects: a renamed or removed column is dropped with its data.']);
  });

  it('fires on prisma db push in the start script of a Fastify service (warn; error with --accept-data-loss) and on drizzle-kit push in the image command', async () => {
    const fastifyApp = `import Fastify from 'fastify';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = Fastify();\napp.get('/items', async () => prisma.item.findMany({ take: 10 }));\nawait app.listen({ port: 3000 });\n`;
    const manifest = (start: string) => JSON.stringify({ name: 'svc', scripts: { start, 'db:push': 'prisma db push --accept-data-loss' }, dependencies: { ...FASTIFY, '@prisma/client': '^5.0.0' } });
    const push = await runRule(RULE, { files: { 'src/app.ts': fastifyApp, 'prisma/migrations/0001_init/migration.sql': 'create table item (id int);\n', 'package.json': manifest('prisma db push && node dist/app.js') } });
    expect(push.lines).toEqual(['package.json:1:1 `prisma db push` runs when the service starts or deploys (Prisma): makes the database match the schema file with no migration history: nothing reviewed says what changed, and a change that needs data moved cannot be written.']);
    expect(push.findings[0]!.severity).toBe('warn');
    const loss = await runRule(RULE, { files: { 'src/app.ts': fastifyApp, 'package.json': manifest('npm run db:push && node dist/app.js') } });
    expect(loss.findings.map((finding) => [finding.severity, finding.message.includes('--accept-data-loss')])).toEqual([['error', true]]);
    const drizzle = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'drizzle-orm': '^0.30.0', pg: '^8.11.0' },
      files: { 'src/app.js': `const express = require('express');\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\napp.listen(3000);\n`, Dockerfile: 'FROM node:20-slim\nCOPY . .\nUSER node\nCMD ["sh", "-c", "npx drizzle-kit push && node src/app.js"]\n' },
    });
    expect(drizzle.lines).toEqual(['Dockerfile:4:1 `drizzle-kit push` runs when the service starts or deploys (Drizzle Kit): makes the database match the schema file with no migration history: nothing reviewed says what changed, and a change that needs data moved cannot be written.']);
  });

  it('fires as a warning on a plain sync() with no migrations, and on an ORM with nothing that migrates it', async () => {
    const create = await runRule(RULE, { dependencies: SEQUELIZE, files: { 'src/app.js': expressApp('  await sequelize.sync();') } });
    expect(create.lines).toEqual(['src/app.js:7:9 `sequelize.sync()` creates the tables at start and the repository holds no migrations: a later change to a model never reaches a database that already has its table (sync() alters nothing), and the schema\'s history is nowhere.']);
    expect(create.findings[0]!.severity).toBe('warn');
    const none = await runRule(RULE, { dependencies: SEQUELIZE, files: { 'src/app.js': expressApp('') } });
    expect(none.lines).toEqual(["src/app.js:3:19 The service uses Sequelize and the repository holds no migrations (no migrations folder, no migration command in a script, none run in code): the schema's history is nowhere, and each environment's database is whatever was done to it by hand."]);
  });

  it('stays quiet on migrations, Mongoose, a synchronize read from the environment, a sync in a development branch or a seed script, a dev push script, and a library', async () => {
    const migrated = await runRule(RULE, { dependencies: SEQUELIZE, files: { 'src/app.js': expressApp('  await sequelize.sync();'), 'migrations/20240101-create-users.js': 'module.exports = { up() {}, down() {} };\n' } });
    expect(migrated.lines).toEqual([]);
    const mongoose = await runRule(RULE, { dependencies: { ...EXPRESS, mongoose: '^8.0.0' }, files: { 'src/app.js': `const express = require('express');\nconst mongoose = require('mongoose');\nmongoose.connect(process.env.MONGO_URL);\nconst app = express();\napp.get('/users', (req, res) => res.json([]));\napp.listen(3000);\n` } });
    expect(mongoose.lines).toEqual([]);
    const fromEnv = await runRule(RULE, {
      dependencies: TYPEORM,
      files: {
        'src/items.controller.ts': NEST_CONTROLLER,
        'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const dataSource = new DataSource({ type: 'postgres', synchronize: process.env.DATABASE_SYNCHRONIZE === 'true', migrations: ['dist/migrations/*.js'] });\n`,
        'src/migrations/1700000000000-Init.ts': 'export class Init1700000000000 {}\n',
      },
    });
    expect(fromEnv.lines).toEqual([]);
    const devOnly = await runRule(RULE, {
      dependencies: SEQUELIZE,
      files: { 'src/app.js': expressApp("  if (process.env.NODE_ENV === 'development') await sequelize.sync({ alter: true });"), 'src/seed.js': "const sequelize = require('./db');\nsequelize.sync({ force: true });\n", 'migrations/001.sql': 'create table users (id int);\n' },
    });
    expect(devOnly.lines).toEqual([]);
    const devPush = await runRule(RULE, {
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = Fastify();\napp.get('/items', async () => prisma.item.findMany({ take: 10 }));\nawait app.listen({ port: 3000 });\n`,
        'prisma/migrations/0001_init/migration.sql': 'create table item (id int);\n',
        'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'prisma migrate deploy && node dist/app.js', 'db:push': 'prisma db push', dev: 'prisma db push && tsx watch src/app.ts' }, dependencies: { ...FASTIFY, '@prisma/client': '^5.0.0' } }),
      },
    });
    expect(devPush.lines).toEqual([]);
    const library = await runRule(RULE, { dependencies: { sequelize: '^6.35.0' }, files: { 'src/index.js': "const { Sequelize } = require('sequelize');\nmodule.exports = (url) => new Sequelize(url).sync({ force: true });\n" } });
    expect(library.lines).toEqual([]);
  });
});
