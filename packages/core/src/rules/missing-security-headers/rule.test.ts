import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'missing-security-headers';

const NEST_MODULE = `import { Module, Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  list() { return []; }\n}\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`;

describe('missing-security-headers', () => {
  it('fires once on an Express app with routes and no helmet', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nconst app = express();\napp.get('/users', (req, res) => res.json([]));\napp.post('/users', (req, res) => res.status(201).json({}));\napp.listen(3000);\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:3:1 The application serves 2 routes (first: GET /users) and sets no security headers anywhere: no helmet or equivalent, no `X-Content-Type-Options`, `Strict-Transport-Security` or `Content-Security-Policy` set by hand. [GET /users]',
    ]);
    expect(findings[0]?.route).toBe('GET /users');
  });

  it('fires on a Fastify app and a NestJS app without any security header', async () => {
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/health', async () => ({ ok: true }));\nawait app.listen({ port: 3000 });\n` },
    });
    expect(fastify.lines).toHaveLength(1);
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': NEST_MODULE,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(nest.lines).toEqual([expect.stringMatching(/^src\/app\.module\.ts:5:7 The application serves 1 route \(first: GET \/users\)/)]);
  });

  it('stays quiet with helmet in Express (also in another file), @fastify/helmet, helmet in NestJS main.ts and lusca', async () => {
    const express = await runRule(RULE, {
      dependencies: { ...EXPRESS, helmet: '^8.0.0' },
      files: {
        'src/security.ts': `import helmet from 'helmet';\nimport type { Express } from 'express';\nexport function secure(app: Express) {\n  app.use(helmet());\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { secure } from './security';\nconst app = express();\nsecure(app);\napp.get('/users', (req, res) => res.json([]));\n`,
      },
    });
    expect(express.lines).toEqual([]);
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, '@fastify/helmet': '^13.0.0' },
      files: { 'src/app.ts': `import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\nconst app = Fastify();\nawait app.register(helmet);\napp.get('/users', async () => []);\n` },
    });
    expect(fastify.lines).toEqual([]);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, helmet: '^8.0.0' },
      files: {
        'src/app.module.ts': NEST_MODULE,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport helmet from 'helmet';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(helmet());\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(nest.lines).toEqual([]);
    const lusca = await runRule(RULE, {
      dependencies: { ...EXPRESS, lusca: '^1.7.0' },
      files: { 'app.js': `const express = require('express');\nconst lusca = require('lusca');\nconst app = express();\napp.use(lusca.xframe('SAMEORIGIN'));\napp.get('/', (req, res) => res.send('hi'));\n` },
    });
    expect(lusca.lines).toEqual([]);
  });

  it('stays quiet when the headers are set by hand (Fastify onSend hook, Express middleware) and when there are no routes', async () => {
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nconst HEADERS = { 'x-content-type-options': 'nosniff', 'strict-transport-security': 'max-age=31536000' };\nconst app = Fastify();\napp.addHook('onSend', async (request, reply) => { reply.headers({ 'x-content-type-options': 'nosniff', 'strict-transport-security': 'max-age=31536000' }); });\napp.get('/users', async () => []);\nexport { HEADERS };\n`,
      },
    });
    expect(fastify.lines).toEqual([]);
    const express = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/app.ts': `import express from 'express';\nconst app = express();\napp.use((req, res, next) => { res.setHeader('X-Content-Type-Options', 'nosniff'); next(); });\napp.get('/users', (req, res) => res.json([]));\n` },
    });
    expect(express.lines).toEqual([]);
    const library = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/index.ts': `import express from 'express';\nexport const makeApp = () => express();\n` },
    });
    expect(library.lines).toEqual([]);
  });
});
