import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'large-body-limit';

const NEST_MODULE = `import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`;

describe('large-body-limit', () => {
  it('fires on application-wide Express and body-parser limits above 1 MiB', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'body-parser': '^1.20.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport bodyParser from 'body-parser';\nconst app = express();\napp.use(express.json({ limit: '50mb' }));\napp.use('/', bodyParser.urlencoded({ limit: '20MB', extended: true }));\napp.get('/users', (req, res) => res.json([]));\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:4:9 The `express` body parser limit `50mb` lets every route accept request bodies of up to 50 MB (more than 1 MB), read and parsed before any handler or authentication runs.',
      'src/app.ts:5:14 The `body-parser` limit `20MB` lets every route accept request bodies of up to 20 MB (more than 1 MB), read and parsed before any handler or authentication runs.',
    ]);
  });

  it('fires on a Fastify factory bodyLimit and on NestJS useBodyParser and FastifyAdapter limits', async () => {
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify({ bodyLimit: 100 * 1024 * 1024, logger: true });\napp.get('/users', async () => []);\n` },
    });
    // A computed number the summary cannot read is quiet; a literal is read.
    expect(fastify.lines).toEqual([]);
    const literal = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify({ bodyLimit: 104857600 });\napp.get('/users', async () => []);\n` },
    });
    expect(literal.lines).toEqual(['src/app.ts:2:13 The Fastify `bodyLimit` limit `104857600` lets every route accept request bodies of up to 100 MB (more than 1 MB), read and parsed before any handler or authentication runs.']);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/platform-express': '^11.0.0' },
      files: {
        'src/app.module.ts': NEST_MODULE,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport type { NestExpressApplication } from '@nestjs/platform-express';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create<NestExpressApplication>(AppModule);\n  app.useBodyParser('json', { limit: '10mb' });\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(nest.lines).toEqual(['src/main.ts:6:3 The NestJS `useBodyParser` limit `10mb` lets every route accept request bodies of up to 10 MB (more than 1 MB), read and parsed before any handler or authentication runs.']);
    const adapter = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/platform-fastify': '^11.0.0' },
      files: {
        'src/app.module.ts': NEST_MODULE,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { FastifyAdapter } from '@nestjs/platform-fastify';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, new FastifyAdapter({ bodyLimit: 52428800 }));\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(adapter.lines).toEqual([expect.stringMatching(/^src\/main\.ts:5:51 The `FastifyAdapter` `bodyLimit` limit `52428800` lets every route accept request bodies of up to 50 MB/)]);
  });

  it('stays quiet on limits scoped to paths or routes, on defaults, on small limits and on unreadable ones', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'body-parser': '^1.20.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport bodyParser from 'body-parser';\nconst IMPORT_ROUTES = ['/v1/import', '/v1/sync'];\nconst app = express();\napp.use(IMPORT_ROUTES, bodyParser.json({ limit: '20mb' }));\napp.use('/upload', express.raw({ limit: '100mb' }));\napp.post('/avatar', express.raw({ limit: '5mb' }), (req, res) => res.sendStatus(204));\napp.use(express.json());\napp.use(express.urlencoded({ limit: '512kb', extended: false }));\napp.use(express.text({ limit: process.env.BODY_LIMIT }));\napp.use(express.json({ limit: '1mb' }));\napp.get('/users', (req, res) => res.json([]));\n`,
      },
    });
    expect(lines).toEqual([]);
    const option = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify({ bodyLimit: 5242880 });\napp.get('/users', async () => []);\n`,
        'strata.config.json': JSON.stringify({ ruleOptions: { 'large-body-limit': { maxBytes: 10485760 } } }),
      },
    });
    expect(option.lines).toEqual([]);
  });
});
