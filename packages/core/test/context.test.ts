import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { makeRepo } from './helpers/temp-repo.js';

const names = (items: { name: string }[]) => items.map((item) => item.name);

describe('context detection', () => {
  it('reads a Fastify + Drizzle service with its operations tooling', async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({
        name: 'orders',
        type: 'module',
        dependencies: { fastify: '^5', 'drizzle-orm': '^0.45', pg: '^8', pino: '^9', zod: '^4', jose: '^6', ioredis: '^5', bullmq: '^5', 'prom-client': '^15', '@opentelemetry/sdk-node': '^0.200', '@openfeature/server-sdk': '^1' },
        devDependencies: { vitest: '^4', typescript: '^5' },
      }),
      'tsconfig.json': '{"compilerOptions":{"strict":true}}',
      Dockerfile: 'FROM node:20\n',
      'docker-compose.yml': 'services: {}\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'src/modules/orders/infrastructure/schema.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const orders = pgTable('orders', { id: text('id') });\nexport const lines = pgTable('order_lines', { id: text('id') });\n",
      'src/modules/orders/interfaces/http/routes.ts':
        "export function routes(app: any) {\n  app.get('/orders', async () => []);\n  app.post('/orders', async () => ({}));\n  app.route({ method: 'GET', url: '/orders/:id', handler: async () => ({}) });\n}\n",
      'src/modules/orders/interfaces/http/route-table.ts': "export const table = [\n  { method: 'DELETE', path: '/orders/:id', handler: () => null },\n  { method: 'SEND', path: '/nope', handler: () => null },\n];\n",
      'src/modules/orders/domain/order.ts': 'export class Order {}\n',
    });
    const { context } = await analyze({ root, cache: false });
    expect(names(context.frameworks)).toEqual(['Fastify']);
    expect(names(context.orms)).toEqual(['Drizzle']);
    expect(names(context.databases)).toEqual(['PostgreSQL']);
    expect(names(context.loggers)).toEqual(['Pino']);
    expect(names(context.validation)).toEqual(['Zod']);
    expect(names(context.auth)).toEqual(['jose']);
    expect(context.cache).toEqual([{ name: 'Redis (cache)', evidence: 'ioredis in package.json; the primary store is PostgreSQL' }]);
    expect(names(context.queues)).toEqual(['BullMQ']);
    expect(names(context.observability)).toEqual(['Prometheus metrics', 'OpenTelemetry']);
    expect(names(context.featureFlags)).toEqual(['OpenFeature']);
    expect(names(context.testRunners)).toEqual(['Vitest']);
    expect(context.infrastructure).toEqual({ dockerfile: true, compose: true, ci: ['GitHub Actions'] });
    expect(context.typescript).toEqual({ used: true, strict: true });
    expect(context.moduleSystem).toBe('esm');
    expect(context.size).toMatchObject({ modules: 4, routes: 4, entities: 2 });
    expect(context.shape).toBe('clean');
  });

  it('reads a NestJS + TypeORM app and a CommonJS Express + Mongoose app, even without package.json', async () => {
    const nest = makeRepo({
      'tsconfig.json': '{ "extends": "./tsconfig.build.json" }',
      'tsconfig.build.json': '{ "compilerOptions": { "module": "commonjs", "strict": true } }',
      'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^11', '@nestjs/typeorm': '^11', typeorm: '^0.3', 'class-validator': '^0.14', '@nestjs/jwt': '^11' }, devDependencies: { jest: '^29' } }),
      'src/users/user.entity.ts': "import { Entity, Column } from 'typeorm';\n@Entity()\nexport class User { @Column() name!: string; }\n",
      'src/users/users.controller.ts': "import { Controller, Get, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController { @Get() list() { return []; } @Post() create() { return {}; } }\n",
      'src/users/users.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class UsersModule {}\n",
    });
    const nestContext = (await analyze({ root: nest, cache: false })).context;
    expect(names(nestContext.frameworks)).toEqual(['NestJS']);
    expect(names(nestContext.orms)).toEqual(['TypeORM']);
    expect(names(nestContext.auth)).toEqual(['Nest JWT']);
    expect(nestContext.size).toMatchObject({ routes: 2, entities: 1 });
    expect(nestContext.shape).toBe('nestjs');
    expect(nestContext.moduleSystem).toBe('commonjs'); // ESM syntax, compiled by `module: commonjs`

    const express = makeRepo({
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
      'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n',
      'routes/users.js': "const express = require('express');\nconst User = require('../models/user');\nconst router = express.Router();\nrouter.get('/users', async (req, res) => res.json(await User.find()));\nmodule.exports = router;\n",
      'models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({ name: String }));\n",
      'services/mailer.js': "const winston = require('winston');\nmodule.exports = winston;\n",
    });
    const expressContext = (await analyze({ root: express, cache: false })).context;
    expect(names(expressContext.frameworks)).toEqual(['Express']);
    expect(names(expressContext.orms)).toEqual(['Mongoose']);
    expect(expressContext.frameworks[0]!.evidence).toBe('express imported by 1 file');
    expect(names(expressContext.loggers)).toEqual(['Winston']);
    expect(expressContext.moduleSystem).toBe('commonjs');
    expect(expressContext.databases).toEqual([{ name: 'MongoDB', evidence: 'mongoose imported by 1 file' }, { name: 'PostgreSQL', evidence: 'datasource in prisma/schema.prisma' }]);
    expect(expressContext.cache).toEqual([{ name: 'Redis', evidence: 'image in docker-compose.yml' }]);
    expect(expressContext.typescript.used).toBe(false);
    expect(expressContext.size).toMatchObject({ routes: 1, entities: 1 });
    expect(expressContext.shape).toBe('mvc');
  });

  it('leaves front-end workspace packages out of the review, naming them with the evidence', async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { fastify: '^5' } }),
      'apps/api/src/services/orders.ts': "import { total } from '../utils/money.js';\nexport const order = total;\n",
      'apps/api/src/utils/money.ts': 'export const total = 1;\n',
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '^19', 'react-dom': '^19' } }),
      'apps/web/src/services/api-client.ts': "import { Button } from '../components/button.js';\nexport const client = Button;\n",
      'apps/web/src/components/button.ts': 'export const Button = 1;\n',
    });
    const result = await analyze({ root, cache: false });
    expect(result.context.frontends).toEqual([{ folder: 'apps/web', reason: 'depends on react', files: 2 }]);
    const layerOf = Object.fromEntries(result.graph.modules.map((node) => [node.id, node.layer]));
    expect(layerOf['apps/api/src/services/orders.ts']).toBe('application');
    expect(result.graph.modules.some((node) => node.id.startsWith('apps/web/'))).toBe(false);
  });

  it('reads layer conventions inside each workspace package, so container folders are not layers', async () => {
    const root = makeRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['services/*'] }),
      'services/orders/package.json': JSON.stringify({ name: 'orders', dependencies: { express: '^5' } }),
      'services/orders/scripts/migrate.cjs': "module.exports = require('../src/infrastructure/db.cjs');\n",
      'services/orders/src/infrastructure/db.cjs': 'module.exports = {};\n',
      'services/orders/src/application/place-order.ts': 'export const placeOrder = () => 1;\n',
    });
    const result = await analyze({ root, cache: false });
    const layerOf = Object.fromEntries(result.graph.modules.map((node) => [node.id, node.layer]));
    expect(layerOf['services/orders/scripts/migrate.cjs']).toBeUndefined();
    expect(layerOf['services/orders/src/application/place-order.ts']).toBe('application');
    expect(result.findings).toEqual([]);
  });
});
