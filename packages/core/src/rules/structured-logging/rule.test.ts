import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'structured-logging';

const EXPRESS_APP = (imports: string, body: string) =>
  `import express from 'express';\n${imports}import { placeOrder } from './orders.service.js';\nconst app = express();\napp.post('/orders', async (req, res) => {\n${body}  res.status(201).json(await placeOrder(req.body));\n});\napp.listen(3000, () => console.log('listening on 3000'));\n`;
const ORDERS_SERVICE = `export async function placeOrder(input: { sku: string }) {\n  console.log('placing order', input.sku);\n  try {\n    return { id: 1, ...input };\n  } catch (error) {\n    console.error('order failed', error);\n    throw error;\n  }\n}\n`;

describe('structured-logging', () => {
  it('fires once on an Express service that logs with console while serving requests and has no logger', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/server.ts': EXPRESS_APP('', `  console.info('POST /orders');\n`), 'src/orders.service.ts': ORDERS_SERVICE },
    });
    expect(lines).toEqual(['src/server.ts:5:3 The Express service (src/server.ts:8) has no logger: 3 `console` calls log while serving requests (src/server.ts:5, src/orders.service.ts:2, src/orders.service.ts:6), as unleveled text with no request id. [POST /orders]']);
    expect(findings[0]!.severity).toBe('warn');
    expect(findings[0]!.trace?.length).toBeGreaterThan(0);
  });

  it('fires on a NestJS service whose controller and provider log with console', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { OrdersController } from './orders.controller';\nimport { OrdersService } from './orders.service';\n@Module({ controllers: [OrdersController], providers: [OrdersService] })\nexport class AppModule {}\n`,
        'src/orders.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\nimport { OrdersService } from './orders.service';\n@Controller('orders')\nexport class OrdersController {\n  constructor(private readonly orders: OrdersService) {}\n  @Post()\n  create(@Body() body: { sku: string }) {\n    console.log('create order');\n    return this.orders.place(body.sku);\n  }\n}\n`,
        'src/orders.service.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class OrdersService {\n  place(sku: string) {\n    console.log('placing', sku);\n    if (!sku) console.warn('empty sku');\n    return { sku };\n  }\n}\n`,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(lines).toEqual(['src/orders.controller.ts:8:5 The NestJS service (src/main.ts:5) has no logger: 3 `console` calls log while serving requests (src/orders.controller.ts:8, src/orders.service.ts:5, src/orders.service.ts:6), as unleveled text with no request id. [POST /orders]']);
  });

  it('stays quiet with a logger (Pino, Winston, NestJS Logger, Fastify built-in), and on console used only at start-up or once or twice', async () => {
    const pino = await runRule(RULE, {
      dependencies: { ...EXPRESS, pino: '^9.0.0' },
      files: { 'src/server.ts': EXPRESS_APP(`import { logger } from './logger.js';\n`, `  console.info('POST /orders');\n  logger.info('order');\n`), 'src/orders.service.ts': ORDERS_SERVICE, 'src/logger.ts': `import pino from 'pino';\nexport const logger = pino();\n` },
    });
    expect(pino.lines).toEqual([]);
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/orders.controller.ts': `import { Controller, Get, Logger } from '@nestjs/common';\n@Controller('orders')\nexport class OrdersController {\n  private readonly logger = new Logger(OrdersController.name);\n  @Get()\n  list() {\n    console.log('a');\n    console.log('b');\n    console.log('c');\n    this.logger.log('listing');\n    return [];\n  }\n}\n`,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { OrdersController } from './orders.controller';\nasync function bootstrap() {\n  const app = await NestFactory.create(OrdersController);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(nest.lines).toEqual([]);
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/server.ts': `import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/a', async () => {\n  console.log(1);\n  console.log(2);\n  console.log(3);\n  return {};\n});\nawait app.listen({ port: 3000 });\n` },
    });
    expect(fastify.lines).toEqual([]);
    const startup = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/server.ts': `import express from 'express';\nimport { config } from './config.js';\nconst app = express();\napp.get('/health', (req, res) => {\n  console.log('health');\n  res.json({ ok: true });\n});\nconsole.log('starting');\napp.listen(config.port, () => console.log('listening'));\n`,
        'src/config.ts': `if (!process.env.PORT) console.warn('PORT unset, using 3000');\nexport const config = { port: Number(process.env.PORT ?? 3000) };\n`,
        'scripts/seed.ts': `console.log('seeding');\nconsole.log('done');\n`,
      },
    });
    expect(startup.lines).toEqual([]);
  });

  it('stays quiet on what is not a service: a CLI package that logs to its terminal', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'preview', type: 'module', bin: { preview: 'dist/cli.js' }, dependencies: EXPRESS }),
        'src/cli.ts': `import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  console.log('GET /');\n  console.log('served');\n  console.log('ok');\n  res.send('hi');\n});\napp.listen(4000);\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
