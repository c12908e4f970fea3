import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'unhandled-rejection';

const NEST_MODULE = `import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`;

describe('unhandled-rejection', () => {
  it('fires as advice on an Express service that starts listening with no policy for errors nothing caught', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/server.ts': `import express from 'express';\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\napp.listen(3000);\n` },
    });
    expect(lines).toEqual(['src/server.ts:4:1 The Express service started here has no `unhandledRejection` or `uncaughtException` policy: an error nothing caught crashes it with a bare stack on stderr, outside the logs, and cuts the requests in flight.']);
    expect(findings[0]!.severity).toBe('info');
  });

  it('fires on a NestJS bootstrap and on a Fastify server, once per service', async () => {
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': NEST_MODULE,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(nest.lines).toEqual(['src/main.ts:5:9 The NestJS service started here has no `unhandledRejection` or `uncaughtException` policy: an error nothing caught crashes it with a bare stack on stderr, outside the logs, and cuts the requests in flight.']);
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/server.ts': `import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/health', async () => ({ ok: true }));\nawait app.listen({ port: 3000 });\nawait app.listen({ port: 3001 });\n` },
    });
    expect(fastify.lines).toEqual(['src/server.ts:4:7 The Fastify service started here has no `unhandledRejection` or `uncaughtException` policy: an error nothing caught crashes it with a bare stack on stderr, outside the logs, and cuts the requests in flight.']);
  });

  it('stays quiet when a module the service loads registers the policy, or close-with-grace handles the error events', async () => {
    const imported = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/process-policy.ts': `export function installProcessPolicy(stop: () => Promise<void>) {\n  process.on('unhandledRejection', (reason) => {\n    console.error(reason);\n    void stop().finally(() => process.exit(1));\n  });\n}\n`,
        'src/server.ts': `import express from 'express';\nimport { installProcessPolicy } from './process-policy.js';\nconst app = express();\nconst server = app.listen(3000);\ninstallProcessPolicy(async () => { server.close(); });\n`,
      },
    });
    expect(imported.lines).toEqual([]);
    const grace = await runRule(RULE, {
      dependencies: { ...FASTIFY, 'close-with-grace': '^2.0.0' },
      files: { 'src/server.ts': `import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nconst app = Fastify({ logger: true });\ncloseWithGrace({ delay: 500 }, async ({ err }) => {\n  if (err) app.log.error(err);\n  await app.close();\n});\nawait app.listen({ port: 3000 });\n` },
    });
    expect(grace.lines).toEqual([]);
  });

  it('stays quiet on what is not a service: a library with routes but no listen, a CLI package, a script', async () => {
    const library = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/plugin.ts': `import type { FastifyInstance } from 'fastify';\nexport default async function routes(app: FastifyInstance) {\n  app.get('/items', async () => []);\n}\n` },
    });
    expect(library.lines).toEqual([]);
    const cli = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'dev-cli', type: 'module', bin: { dev: 'dist/cli.js' }, dependencies: EXPRESS }),
        'src/preview.ts': `import express from 'express';\nexport function preview(dir: string) {\n  const app = express();\n  app.use(express.static(dir));\n  app.listen(4000);\n}\n`,
      },
    });
    expect(cli.lines).toEqual([]);
    const script = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'scripts/mock-server.ts': `import express from 'express';\nconst app = express();\napp.get('/mock', (req, res) => res.json({}));\napp.listen(9999);\n` },
    });
    expect(script.lines).toEqual([]);
  });
});
