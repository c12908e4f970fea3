import { afterAll, describe, expect, it } from 'vitest';
import type { AppFacts } from '../../src/program/http/app-facts.js';
import { EXPRESS, FASTIFY, NEST, programModelsOf, type RuleCase } from '../helpers/rule-tester.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => Promise.all(cleanups.map((cleanup) => cleanup())));

/** The app facts of a case, each as `library file:line` plus what it says. */
async function factsOf(testCase: RuleCase): Promise<Record<keyof AppFacts, string[]>> {
  const { models, cleanup } = await programModelsOf(testCase);
  cleanups.push(cleanup);
  const facts = models.app;
  return {
    securityHeaders: facts.securityHeaders.map((fact) => `${fact.library} ${fact.file}:${fact.line}`),
    cors: facts.cors.map((fact) => `${fact.library} ${fact.file}:${fact.line} origin=${fact.origin} credentials=${fact.credentials}`),
    rateLimits: facts.rateLimits.map((fact) => `${fact.library} ${fact.file}:${fact.line}`),
    bodyLimits: facts.bodyLimits.map((fact) => `${fact.library} ${fact.file}:${fact.line} limit=${fact.limit}`),
    errorHandlers: facts.errorHandlers.map((fact) => `${fact.library} ${fact.file}:${fact.line}`),
    healthRoutes: facts.healthRoutes.map((route) => `${route.method} ${route.path}`),
    sessions: facts.sessions.map((fact) => `${fact.library} ${fact.file}:${fact.line} store=${fact.store}`),
  };
}

describe('HTTP model: application facts', () => {
  it('reads an Express app: helmet, CORS with its options, a rate limiter, body limits, the error middleware and health routes', async () => {
    expect(
      await factsOf({
        dependencies: { ...EXPRESS, helmet: '^8.0.0', cors: '^2.8.5', 'express-rate-limit': '^7.0.0' },
        files: {
          'src/app.ts': `import express from 'express';\nimport helmet from 'helmet';\nimport cors from 'cors';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\napp.use(helmet());\napp.use(cors({ origin: true, credentials: true }));\napp.use(rateLimit({ windowMs: 60000, limit: 100 }));\napp.use(express.json({ limit: '50mb' }));\napp.get('/healthz', (req, res) => res.send('ok'));\napp.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));\nexport default app;\n`,
        },
      }),
    ).toEqual({
      securityHeaders: ['helmet src/app.ts:6'],
      cors: ['cors src/app.ts:7 origin=reflect credentials=true'],
      rateLimits: ['express-rate-limit src/app.ts:8'],
      bodyLimits: ['express src/app.ts:9 limit=50mb'],
      errorHandlers: ['express src/app.ts:11'],
      healthRoutes: ['GET /healthz'],
      sessions: [],
    });
  });

  it('reads a Fastify app: registered plugins with options, the factory body limit and setErrorHandler', async () => {
    expect(
      await factsOf({
        dependencies: { ...FASTIFY, '@fastify/helmet': '^13.0.0', '@fastify/cors': '^10.0.0', '@fastify/rate-limit': '^10.0.0' },
        files: {
          'src/app.ts': `import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\nimport cors from '@fastify/cors';\nimport rateLimit from '@fastify/rate-limit';\nconst app = Fastify({ bodyLimit: 1048576 });\napp.register(helmet);\napp.register(cors, { origin: ['https://app.example.com'] });\napp.register(rateLimit, { max: 100 });\napp.setErrorHandler((error, request, reply) => reply.status(500).send({ error: 'internal' }));\napp.get('/health/ready', async () => ({ ok: true }));\n`,
        },
      }),
    ).toEqual({
      securityHeaders: ['@fastify/helmet src/app.ts:6'],
      cors: ['@fastify/cors src/app.ts:7 origin=list credentials=false'],
      rateLimits: ['@fastify/rate-limit src/app.ts:8'],
      bodyLimits: ['fastify src/app.ts:5 limit=1048576'],
      errorHandlers: ['fastify src/app.ts:9'],
      healthRoutes: ['GET /health/ready'],
      sessions: [],
    });
  });

  it('reads the package plugins a Fastify app autoloads from a folder (`export default fastifyRateLimit`)', async () => {
    expect(
      await factsOf({
        dependencies: { ...FASTIFY, '@fastify/autoload': '^6.0.0', '@fastify/helmet': '^13.0.0', '@fastify/rate-limit': '^10.0.0' },
        files: {
          'src/app.ts': `import path from 'node:path';\nimport fastifyAutoload from '@fastify/autoload';\nimport type { FastifyInstance } from 'fastify';\nexport default async function serviceApp(fastify: FastifyInstance) {\n  await fastify.register(fastifyAutoload, { dir: path.join(import.meta.dirname, 'plugins/external') });\n}\n`,
          'src/plugins/external/rate-limit.ts': `import fastifyRateLimit from '@fastify/rate-limit';\nexport const autoConfig = { max: 100, timeWindow: '1 minute' };\nexport default fastifyRateLimit;\n`,
          'src/plugins/external/helmet.ts': `import helmet from '@fastify/helmet';\nexport default helmet;\n`,
          'src/lib/not-loaded.ts': `import fastifyRateLimit from '@fastify/rate-limit';\nexport default fastifyRateLimit;\n`,
        },
      }),
    ).toMatchObject({ securityHeaders: ['@fastify/helmet src/plugins/external/helmet.ts:1'], rateLimits: ['@fastify/rate-limit src/plugins/external/rate-limit.ts:1'] });
  });

  it('reads a NestJS app: enableCors, useBodyParser, the throttler module and exception filters', async () => {
    expect(
      await factsOf({
        dependencies: { ...NEST, '@nestjs/throttler': '^6.0.0', helmet: '^8.0.0' },
        files: {
          'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport helmet from 'helmet';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(helmet());\n  app.enableCors({ origin: '*', credentials: true });\n  app.useBodyParser('json', { limit: '1mb' });\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
          'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ThrottlerModule } from '@nestjs/throttler';\n@Module({ imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])] })\nexport class AppModule {}\n`,
          'src/errors.filter.ts': `import { Catch, ExceptionFilter } from '@nestjs/common';\n@Catch()\nexport class AllErrors implements ExceptionFilter {\n  catch() {}\n}\n`,
        },
      }),
    ).toEqual({
      securityHeaders: ['helmet src/main.ts:6'],
      cors: ['@nestjs/common src/main.ts:7 origin=any credentials=true'],
      rateLimits: ['@nestjs/throttler src/app.module.ts:3'],
      bodyLimits: ['@nestjs/common src/main.ts:8 limit=1mb'],
      errorHandlers: ['@nestjs/common src/errors.filter.ts:3'],
      healthRoutes: [],
      sessions: [],
    });
  });
});
