import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'graceful-shutdown';

const NEST_MODULE = `import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`;
const nestMain = (extra: string) =>
  `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n${extra}  await app.listen(3000);\n}\nvoid bootstrap();\n`;

describe('graceful-shutdown', () => {
  it('fires on an Express service with no SIGTERM or SIGINT handling', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/server.ts': `import express from 'express';\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\napp.listen(3000);\n` },
    });
    expect(lines).toEqual(['src/server.ts:4:1 The Express service started here has no SIGTERM or SIGINT handling: on every deploy or scale-in the process dies at once, cutting the requests in flight and leaving its connections open.']);
    expect(findings[0]!.severity).toBe('warn');
  });

  it('fires on a NestJS bootstrap without enableShutdownHooks, and on a Fastify service that only handles SIGINT', async () => {
    const nest = await runRule(RULE, { dependencies: NEST, files: { 'src/app.module.ts': NEST_MODULE, 'src/main.ts': nestMain('') } });
    expect(nest.lines).toEqual(['src/main.ts:5:9 The NestJS service started here has no SIGTERM or SIGINT handling: on every deploy or scale-in the process dies at once, cutting the requests in flight and leaving its connections open.']);
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/server.ts': `import Fastify from 'fastify';\nconst app = Fastify();\nprocess.on('SIGINT', async () => {\n  await app.close();\n});\nawait app.listen({ port: 3000 });\n` },
    });
    expect(fastify.lines).toEqual(['src/server.ts:6:7 The Fastify service started here handles SIGINT (src/server.ts:3) but not SIGTERM, the signal orchestrators and `docker stop` send: there the process dies at once, cutting the requests in flight.']);
  });

  it('fires as a notice on a SIGTERM handler that exits at once without closing anything', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/server.ts': `import express from 'express';\nconst app = express();\napp.listen(3000);\nprocess.on('SIGTERM', () => {\n  console.log('bye');\n  process.exit(0);\n});\n` },
    });
    expect(lines).toEqual(['src/server.ts:3:1 The Express service started here exits at once on SIGTERM (src/server.ts:4) without closing the server or its connections: the requests in flight are cut as if there were no handler.']);
    expect(findings[0]!.severity).toBe('info');
  });

  it('fires as a notice on a SIGTERM handler that closes the server with no timeout', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/server.ts': `import express from 'express';\nconst server = express().listen(3000);\nprocess.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n});\n` },
    });
    expect(lines).toEqual(['src/server.ts:2:16 The Express service started here closes on SIGTERM (src/server.ts:3) with no timeout: a keep-alive connection, a hung request or an open pool keeps the process up until the orchestrator kills it mid-drain.']);
    expect(findings[0]!.severity).toBe('info');
  });

  it('stays quiet with a handler that closes the server under a timer (in a loop over the signals, in an imported module), NestJS shutdown hooks, or close-with-grace and Terminus', async () => {
    const loop = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/server.ts': `import Fastify from 'fastify';\nconst app = Fastify();\nawait app.listen({ port: 3000 });\nfor (const signal of ['SIGTERM', 'SIGINT'] as const) {\n  process.once(signal, () => {\n    setTimeout(() => process.exit(1), 10_000).unref();\n    void app.close().then(() => process.exit(0));\n  });\n}\n` },
    });
    expect(loop.lines).toEqual([]);
    const imported = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/shutdown.ts': `import type { Server } from 'node:http';\nexport function onStop(server: Server) {\n  process.on('SIGTERM', () => stop(server));\n}\nfunction stop(server: Server) {\n  setTimeout(() => process.exit(1), 10000).unref();\n  server.close(() => process.exit(0));\n}\n`,
        'src/server.ts': `import express from 'express';\nimport { onStop } from './shutdown.js';\nconst app = express();\nonStop(app.listen(3000));\n`,
      },
    });
    expect(imported.lines).toEqual([]);
    const nest = await runRule(RULE, { dependencies: NEST, files: { 'src/app.module.ts': NEST_MODULE, 'src/main.ts': nestMain('  app.enableShutdownHooks();\n') } });
    expect(nest.lines).toEqual([]);
    const grace = await runRule(RULE, {
      dependencies: { ...FASTIFY, 'close-with-grace': '^2.0.0' },
      files: { 'src/server.ts': `import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nconst app = Fastify();\ncloseWithGrace({ delay: 500 }, async () => {\n  await app.close();\n});\nawait app.listen({ port: 3000 });\n` },
    });
    expect(grace.lines).toEqual([]);
    const terminus = await runRule(RULE, {
      dependencies: { ...EXPRESS, '@godaddy/terminus': '^4.12.0' },
      files: { 'src/server.ts': `import http from 'node:http';\nimport express from 'express';\nimport { createTerminus } from '@godaddy/terminus';\nconst app = express();\nconst server = http.createServer(app);\ncreateTerminus(server, { signals: ['SIGTERM', 'SIGINT'], timeout: 10000 });\nserver.listen(3000);\n` },
    });
    expect(terminus.lines).toEqual([]);
  });

  it('stays quiet on what is not a service, and when what the handler calls cannot be followed', async () => {
    const library = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/router.ts': `import { Router } from 'express';\nexport const router = Router();\nrouter.get('/items', (req, res) => res.json([]));\n` },
    });
    expect(library.lines).toEqual([]);
    const hooks = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/server.ts': `import express from 'express';\nexport function start(onStop: () => Promise<void>) {\n  express().listen(3000);\n  process.on('SIGTERM', async () => {\n    await onStop();\n    process.exit(0);\n  });\n}\n` },
    });
    expect(hooks.lines).toEqual([]);
  });
});
