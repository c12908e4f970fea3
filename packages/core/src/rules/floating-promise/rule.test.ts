import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'floating-promise';

describe('floating-promise', () => {
  it('fires on an async service call dropped in an Express controller, naming the route and tracing the path', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { users } from './routes/users';\nconst app = express();\napp.use('/api/users', users);\nexport default app;\n`,
        'src/routes/users.ts': `import { Router } from 'express';\nimport { register } from '../controllers/users';\nexport const users = Router();\nusers.post('/', register);\n`,
        'src/controllers/users.ts': `import { createUser } from '../services/users';\nexport async function register(req, res) {\n  const user = await createUser(req.body);\n  res.status(201).json(user);\n}\n`,
        'src/services/users.ts': `import { sendWelcome } from './mail';\nexport async function createUser(input: { email: string }) {\n  sendWelcome(input.email);\n  return input;\n}\n`,
        'src/services/mail.ts': `export async function sendWelcome(email: string) {\n  await new Promise((resolve) => setTimeout(resolve, 10, email));\n}\n`,
      },
    });
    expect(lines).toEqual(['src/services/users.ts:3:3 `sendWelcome()` (async) returns a promise that is neither awaited, returned nor handled while serving POST /api/users. [POST /api/users]']);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/routes/users.ts:4 POST /api/users is handled by register',
      'src/controllers/users.ts:3 calls createUser',
      'src/services/users.ts:3 calls sendWelcome',
    ]);
  });

  it('fires on a dropped fs/promises write and a dropped fetch in a Fastify route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport { writeFile } from 'node:fs/promises';\nconst app = Fastify();\napp.post('/audit', async (request) => {\n  writeFile('/var/audit.log', JSON.stringify(request.body));\n  fetch('https://hooks.example.com/audit', { method: 'POST', signal: AbortSignal.timeout(2000) });\n  return { ok: true };\n});\nawait app.listen({ port: 3000 });\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:5:3 `writeFile()` returns a promise that is neither awaited, returned nor handled while serving POST /audit. [POST /audit]',
      'src/app.ts:6:3 `fetch()` returns a promise that is neither awaited, returned nor handled while serving POST /audit. [POST /audit]',
    ]);
  });

  it('fires on an ORM write dropped in a NestJS service, and on a bootstrap that is called bare as an info notice', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/typeorm': '^11.0.0', typeorm: '^0.3.20' },
      files: {
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { AuditController } from './audit.controller';\nimport { AuditService } from './audit.service';\n@Module({ controllers: [AuditController], providers: [AuditService] })\nexport class AppModule {}\n`,
        'src/audit.controller.ts': `import { Controller, Post, Body } from '@nestjs/common';\nimport { AuditService } from './audit.service';\n@Controller('audit')\nexport class AuditController {\n  constructor(private readonly audit: AuditService) {}\n  @Post()\n  record(@Body() body: { action: string }) {\n    this.audit.record(body.action);\n    return { ok: true };\n  }\n}\n`,
        'src/audit.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { AuditEntry } from './audit.entity';\n@Injectable()\nexport class AuditService {\n  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}\n  record(action: string) {\n    this.entries.save({ action });\n  }\n}\n`,
        'src/audit.entity.ts': `export class AuditEntry {\n  action!: string;\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/audit.service.ts:9:5 `this.entries.save()` returns a promise that is neither awaited, returned nor handled while serving POST /audit. [POST /audit]',
      "src/main.ts:7:1 `bootstrap()` (async) starts the process without `.catch`: Node 15 and later exit on the unhandled rejection and print the error, so a failed start is not silent, but the exit code and the log line are Node's, not yours. Add `.catch((error) => { log it; process.exit(1); })`.",
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'info']);
  });

  it('fires on a promise dropped inside an async main that start-up runs', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/server.ts': `import express from 'express';\nimport { connect } from './db';\nasync function main() {\n  connect();\n  express().listen(3000);\n}\nmain().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`,
        'src/db.ts': `export async function connect() {\n  await new Promise((resolve) => setTimeout(resolve, 10));\n}\n`,
      },
    });
    expect(lines).toEqual(['src/server.ts:4:3 `connect()` (async) returns a promise that is neither awaited, returned nor handled at start-up: a failure there is an unhandled rejection.']);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual(['src/server.ts:7 start-up calls main', 'src/server.ts:4 calls connect']);
  });

  it('fires on a plain function that hands back a query promise, dropped in an Express route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, '@prisma/client': '^6.0.0' },
      files: {
        'src/audit.ts': `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport function recordVisit(path: string) {\n  return prisma.visit.create({ data: { path } });\n}\nexport function label(path: string) {\n  return path.toUpperCase();\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { recordVisit, label } from './audit';\nconst app = express();\napp.get('/page', (req, res) => {\n  recordVisit(req.path);\n  label(req.path);\n  res.send('ok');\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:5:3 `recordVisit()` returns a promise that is neither awaited, returned nor handled while serving GET /page. [GET /page]']);
  });

  it('fires on a Fastify listen without a callback at start-up, not on one with a callback', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/server.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/health', async () => ({ ok: true }));\napp.listen({ port: 3000 });\n`,
        'src/other.ts': `import Fastify from 'fastify';\nconst other = Fastify();\nother.listen({ port: 3001 }, (error) => {\n  if (error) process.exit(1);\n});\n`,
      },
    });
    expect(lines).toEqual(['src/server.ts:4:1 `app.listen()` returns a promise that is neither awaited, returned nor handled at start-up: a failure there is an unhandled rejection.']);
  });

  it('fires on an async function expression invoked bare at module level, naming the function', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/hooks.ts': `(async function registerHooks() {\n  await Promise.resolve();\n})();\n`,
      },
    });
    expect(lines).toEqual(['src/hooks.ts:1:1 `registerHooks()` (async) returns a promise that is neither awaited, returned nor handled at start-up: a failure there is an unhandled rejection.']);
  });

  it('stays quiet on awaited, returned, voided, assigned, chained and passed-on promises', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { audit, notify, load } from './work';\nconst app = express();\napp.post('/a', async (req, res) => {\n  await audit(req.body);\n  void notify(req.body);\n  notify(req.body).catch((error) => req.log.error(error));\n  const pending = load();\n  await Promise.all([load(), pending]);\n  res.json(await pending);\n});\napp.get('/b', (req, res) => load().then((rows) => res.json(rows), (error) => res.status(500).end()));\napp.get('/c', (req, res) => {\n  return load();\n});\nvoid start();\nasync function start() {\n  await audit({});\n}\n`,
        'src/work.ts': `export async function audit(input: unknown) {\n  await Promise.resolve(input);\n}\nexport async function notify(input: unknown) {\n  await Promise.resolve(input);\n}\nexport async function load() {\n  return [];\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a fire-and-forget whose async callee catches its own errors, on sync functions, and on code no route or start-up reaches', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { track, format } from './work';\nconst app = express();\napp.post('/t', (req, res) => {\n  track(req.body);\n  format(req.body);\n  res.status(202).end();\n});\n`,
        'src/work.ts': `export async function track(input: unknown) {\n  try {\n    await Promise.resolve(input);\n  } catch (error) {\n    console.error(error);\n  }\n}\nexport function format(input: unknown) {\n  return String(input);\n}\n`,
        'src/jobs/nightly.ts': `import { track } from '../work';\nexport async function nightly() {\n  await Promise.resolve();\n}\nexport function runNightly() {\n  nightly();\n}\n`,
        'test/app.test.ts': `import { track } from '../src/work';\nasync function helper() {}\nhelper();\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet when a local function that shadows an async import is what the handler calls', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { writeFile } from 'node:fs/promises';\nconst app = express();\napp.post('/x', (req, res) => {\n  const writeFile = (name: string) => name.length;\n  writeFile('x');\n  res.end();\n});\nexport { writeFile };\n`,
      },
    });
    expect(lines).toEqual([]);
  });
  it('stays quiet on query-builder steps made as statements and on scripts that call their async main bare', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/typeorm': '^11.0.0', typeorm: '^0.3.20' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { PostsController } from './posts.controller';\n@Module({ controllers: [PostsController] })\nexport class AppModule {}\n`,
        'src/posts.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Post } from './post.entity';\n@Controller('posts')\nexport class PostsController {\n  constructor(@InjectRepository(Post) private readonly posts: Repository<Post>) {}\n  @Get()\n  async list(@Query('tag') tag?: string) {\n    const qb = this.posts.createQueryBuilder('post').leftJoinAndSelect('post.author', 'author');\n    qb.where('1 = 1');\n    if (tag) qb.andWhere('post.tag = :tag', { tag });\n    return qb.getMany();\n  }\n}\n`,
        'src/post.entity.ts': `export class Post {\n  tag!: string;\n}\n`,
        'scripts/backfill.ts': `async function main() {\n  await Promise.resolve();\n}\nmain();\n`,
        'database/migrate.ts': `async function run() {\n  await Promise.resolve();\n}\nrun();\n`,
      },
    });
    expect(lines).toEqual([]);
  });
  it('stays quiet on async functions that neither await nor return a promise, at start-up and in a route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/server.ts': `import Fastify, { type FastifyInstance } from 'fastify';\nimport { health } from './health';\nimport { remember } from './recent';\nasync function addPlugins(app: FastifyInstance) {\n  app.register(health);\n}\nasync function addRoutes(app: FastifyInstance) {\n  app.get('/recent/:id', async (request) => {\n    remember((request.params as { id: string }).id);\n    return { ok: true };\n  });\n}\nconst app = Fastify();\naddPlugins(app);\naddRoutes(app);\nexport default app;\n`,
        'src/health.ts': `import type { FastifyInstance } from 'fastify';\nexport async function health(app: FastifyInstance) {\n  app.get('/health', async () => ({ ok: true }));\n}\n`,
        'src/recent.ts': `const seen: string[] = [];\nexport async function remember(id: string) {\n  seen.push(id);\n  if (seen.length > 100) seen.shift();\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet in sample apps at the repository root (playground/, examples/) and in a CLI package', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'notify-monorepo', private: true, workspaces: ['packages/*'] }),
        'playground/express/package.json': JSON.stringify({ name: 'playground-express', dependencies: EXPRESS }),
        'playground/express/src/main.ts': `import express from 'express';\nasync function start() {\n  const app = express();\n  await new Promise((resolve) => app.listen(4000, () => resolve(null)));\n}\nstart();\n`,
        'examples/nest/src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function launch() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nlaunch();\n`,
        'packages/notify-cli/package.json': JSON.stringify({ name: 'notify-cli', bin: { notify: 'dist/index.js' }, dependencies: { commander: '^12.0.0' } }),
        'packages/notify-cli/src/index.ts': `import { Command } from 'commander';\nimport { clearCache } from './cache';\nclearCache();\nnew Command().name('notify').parse();\n`,
        'packages/notify-cli/src/cache.ts': `import { rm } from 'node:fs/promises';\nexport async function clearCache() {\n  await rm('.notify-cache', { recursive: true, force: true });\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
