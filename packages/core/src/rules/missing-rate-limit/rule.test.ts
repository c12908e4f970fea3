import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'missing-rate-limit';

describe('missing-rate-limit', () => {
  it('fires once on an Express app whose login and password-reset routes have no limiter anywhere', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nconst app = express();\napp.use(express.json());\napp.post('/auth/login', (req, res) => res.json({ token: 't' }));\napp.post('/auth/forgot-password', (req, res) => res.sendStatus(202));\napp.get('/auth/login', (req, res) => res.send('form'));\napp.post('/orders', (req, res) => res.sendStatus(201));\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:4:1 POST /auth/login (and 1 other route that takes credentials or issues tokens) has no rate limit, and the application sets none anywhere: nothing slows a client trying passwords or codes. [POST /auth/login]']);
    expect(findings[0]!.severity).toBe('warn');
  });

  it('fires on a NestJS users/login route with no throttler, and on a Fastify token route', async () => {
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
        'src/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Post('login')\n  login(@Body() body: { email: string; password: string }) {\n    return { token: body.email };\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual(['src/users.controller.ts:5:8 POST /users/login has no rate limit, and the application sets none anywhere: nothing slows a client trying passwords or codes. [POST /users/login]']);
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/oauth/token', async () => ({ access_token: 'a' }));\n` },
    });
    expect(fastify.lines).toEqual(['src/app.ts:3:1 POST /oauth/token has no rate limit, and the application sets none anywhere: nothing slows a client trying passwords or codes. [POST /oauth/token]']);
  });

  it('stays quiet with a limiter anywhere (Express middleware, an autoloaded Fastify plugin, the Nest throttler) and on apps with no credential routes', async () => {
    const express = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'express-rate-limit': '^7.0.0' },
      files: { 'src/app.ts': `import express from 'express';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\nconst limiter = rateLimit({ windowMs: 60000, limit: 5 });\napp.post('/auth/login', limiter, (req, res) => res.json({ token: 't' }));\n` },
    });
    expect(express.lines).toEqual([]);
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, '@fastify/autoload': '^6.0.0', '@fastify/rate-limit': '^10.0.0' },
      files: {
        'src/app.ts': `import path from 'node:path';\nimport fastifyAutoload from '@fastify/autoload';\nimport type { FastifyInstance } from 'fastify';\nexport default async function serviceApp(fastify: FastifyInstance) {\n  await fastify.register(fastifyAutoload, { dir: path.join(import.meta.dirname, 'plugins') });\n  fastify.post('/login', async () => ({ ok: true }));\n}\n`,
        'src/plugins/rate-limit.ts': `import fastifyRateLimit from '@fastify/rate-limit';\nexport default fastifyRateLimit;\n`,
      },
    });
    expect(fastify.lines).toEqual([]);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/throttler': '^6.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ThrottlerModule } from '@nestjs/throttler';\nimport { AuthController } from './auth.controller';\n@Module({ imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])], controllers: [AuthController] })\nexport class AppModule {}\n`,
        'src/auth.controller.ts': `import { Controller, Post } from '@nestjs/common';\n@Controller('auth')\nexport class AuthController {\n  @Post('sign-in')\n  signIn() {\n    return { token: 't' };\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual([]);
    const plain = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/app.ts': `import express from 'express';\nconst app = express();\napp.post('/orders', (req, res) => res.sendStatus(201));\napp.get('/tokens/public-keys', (req, res) => res.json([]));\n` },
    });
    expect(plain.lines).toEqual([]);
  });
});
