import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'stateful-process';

describe('stateful-process', () => {
  it('fires on express-session without a store (Express) and with an explicit MemoryStore', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'express-session': '^1.18.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));\nconst admin = express.Router();\nadmin.use(session({ secret: process.env.SESSION_SECRET!, store: new session.MemoryStore() }));\napp.use('/admin', admin);\napp.get('/', (req, res) => res.send('ok'));\n`,
      },
    });
    expect(lines).toEqual([
      "src/app.ts:4:9 `express-session` keeps sessions in the process's memory (no `store`: its MemoryStore): they are lost on every restart, not shared between instances, and never evicted.",
      "src/app.ts:6:11 `express-session` keeps sessions in the process's memory (no `store`: its MemoryStore): they are lost on every restart, not shared between instances, and never evicted.",
    ]);
  });

  it('fires on @fastify/session registered without a store (Fastify) and on express-session in a NestJS main.ts', async () => {
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, '@fastify/session': '^11.0.0', '@fastify/cookie': '^11.0.0' },
      files: {
        'src/plugins/session.ts': `import fastifySession from '@fastify/session';\nimport fastifyCookie from '@fastify/cookie';\nimport type { FastifyInstance } from 'fastify';\nexport default async function session(fastify: FastifyInstance) {\n  fastify.register(fastifyCookie);\n  fastify.register(fastifySession, { secret: process.env.COOKIE_SECRET!, cookie: { httpOnly: true } });\n}\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport session from './plugins/session';\nconst app = Fastify();\napp.register(session);\napp.get('/me', async () => ({}));\n`,
      },
    });
    expect(fastify.lines).toEqual([expect.stringMatching(/^src\/plugins\/session\.ts:6:3 `@fastify\/session` keeps sessions in the process's memory/)]);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, 'express-session': '^1.18.0' },
      files: {
        'src/app.module.ts': `import { Controller, Get, Module } from '@nestjs/common';\n@Controller()\nexport class HomeController {\n  @Get()\n  home() { return 'ok'; }\n}\n@Module({ controllers: [HomeController] })\nexport class AppModule {}\n`,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport session from 'express-session';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(nest.lines).toHaveLength(1);
  });

  it('stays quiet with a shared store, options it cannot read, cookie sessions and development-only set-ups', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, 'express-session': '^1.18.0', 'connect-redis': '^8.0.0', 'cookie-session': '^2.1.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport session from 'express-session';\nimport cookieSession from 'cookie-session';\nimport { RedisStore } from 'connect-redis';\nimport { sessionOptions } from './config';\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, store: new RedisStore({ client: undefined as never }) }));\napp.use(session(sessionOptions));\napp.use(session({ ...sessionOptions, secret: 'x'.repeat(40) }));\napp.use(cookieSession({ keys: [process.env.COOKIE_KEY!] }));\nif (process.env.NODE_ENV === 'development') {\n  app.use(session({ secret: 'dev' }));\n}\napp.get('/', (req, res) => res.send('ok'));\n`,
        'src/config.ts': `export const sessionOptions = JSON.parse(process.env.SESSION_OPTIONS ?? '{}');\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
