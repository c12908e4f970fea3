import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'health-endpoints';
const IMAGE = `FROM node:20-slim\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY src ./src\nUSER node\nCMD ["node", "src/app.js"]\n`;
const NEST_MODULE = `import { Module } from '@nestjs/common';\nimport { AppController } from './app.controller';\n@Module({ controllers: [AppController] })\nexport class AppModule {}\n`;

describe('health-endpoints', () => {
  it('fires on an Express service shipped as an image with no health route, naming what it depends on', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, pg: '^8.11.0' },
      files: {
        Dockerfile: IMAGE,
        'src/app.js': `const express = require('express');\nconst { Pool } = require('pg');\nconst pool = new Pool({ connectionTimeoutMillis: 2000 });\nconst app = express();\napp.get('/orders', async (req, res) => res.json((await pool.query('select * from orders limit 10')).rows));\napp.listen(3000);\n`,
      },
    });
    expect(lines).toEqual(['package.json:1:1 The service (1 route, with an image built here) has no health endpoint: nothing tells an orchestrator or load balancer whether an instance is alive and ready to reach PostgreSQL.']);
    expect(findings[0]!.severity).toBe('warn');
  });

  it('fires on a Fastify readiness route that checks nothing while the service uses PostgreSQL', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, pg: '^8.11.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport pg from 'pg';\nconst pool = new pg.Pool({ connectionTimeoutMillis: 2000 });\nconst app = Fastify();\napp.get('/health/live', async () => ({ ok: true }));\napp.get('/health/ready', async (request, reply) => reply.send({ status: 'ready', uptime: process.uptime() }));\napp.get('/items', async () => (await pool.query('select 1')).rows);\nawait app.listen({ port: 3000 });\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:6:1 GET /health/ready is a readiness check that checks no dependency (the service uses PostgreSQL): it answers ready while they are down. [GET /health/ready]']);
  });

  it('fires as a notice on a NestJS service with no image and no health route, and on a liveness-only route of a service with a database', async () => {
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/typeorm': '^10.0.0', typeorm: '^0.3.0', pg: '^8.11.0' },
      files: {
        'src/app.controller.ts': `import { Controller, Get } from '@nestjs/common';\n@Controller('items')\nexport class AppController {\n  @Get()\n  list() {\n    return [];\n  }\n}\n`,
        'src/app.module.ts': NEST_MODULE,
      },
    });
    expect(nest.lines).toEqual(['package.json:1:1 The service (1 route) has no health endpoint: nothing tells an orchestrator or load balancer whether an instance is alive and ready to reach PostgreSQL.']);
    expect(nest.findings[0]!.severity).toBe('info');
    const liveness = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0' },
      files: { 'src/app.js': `const express = require('express');\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.get('/users', (req, res) => res.json([]));\napp.listen(3000);\n` },
    });
    expect(liveness.lines).toEqual(['src/app.js:3:1 GET /healthz checks no dependency and there is no readiness route: the service uses MongoDB, and nothing says whether it can reach it. [GET /healthz]']);
    expect(liveness.findings[0]!.severity).toBe('info');
  });

  it('stays quiet on readiness that queries the database, reads a connection state or calls code it cannot follow, and on NestJS Terminus', async () => {
    const query = await runRule(RULE, {
      dependencies: { ...FASTIFY, pg: '^8.11.0' },
      files: { Dockerfile: IMAGE, 'src/app.ts': `import Fastify from 'fastify';\nimport pg from 'pg';\nconst pool = new pg.Pool({ connectionTimeoutMillis: 2000 });\nconst app = Fastify();\napp.get('/health/live', async () => ({ ok: true }));\napp.get('/health/ready', async () => {\n  await pool.query('select 1');\n  return { ok: true };\n});\nawait app.listen({ port: 3000 });\n` },
    });
    expect(query.lines).toEqual([]);
    const state = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0' },
      files: { 'src/app.js': `const express = require('express');\nconst mongoose = require('mongoose');\nconst app = express();\napp.get('/ready', (req, res) => res.sendStatus(mongoose.connection.readyState === 1 ? 200 : 503));\napp.listen(3000);\n` },
    });
    expect(state.lines).toEqual([]);
    const opaque = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0' },
      files: { 'src/app.js': `const express = require('express');\nconst checks = require('some-health-kit');\nconst app = express();\napp.get('/readiness', async (req, res) => res.json(await checks.ping()));\napp.listen(3000);\n` },
    });
    expect(opaque.lines).toEqual([]);
    const terminus = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/terminus': '^10.0.0', '@nestjs/typeorm': '^10.0.0', typeorm: '^0.3.0', pg: '^8.11.0' },
      files: {
        'src/app.controller.ts': `import { Controller, Get } from '@nestjs/common';\nimport { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';\n@Controller('health')\nexport class AppController {\n  constructor(private readonly health: HealthCheckService, private readonly db: TypeOrmHealthIndicator) {}\n  @Get('ready')\n  @HealthCheck()\n  ready() {\n    return this.health.check([() => this.db.pingCheck('database')]);\n  }\n}\n`,
        'src/app.module.ts': NEST_MODULE,
      },
    });
    expect(terminus.lines).toEqual([]);
  });

  it('stays quiet with a health library, a Dockerfile HEALTHCHECK, on a service with no dependency, and on a library', async () => {
    const library = await runRule(RULE, {
      dependencies: { ...EXPRESS, '@godaddy/terminus': '^4.12.0' },
      files: { Dockerfile: IMAGE, 'src/app.js': `const http = require('node:http');\nconst express = require('express');\nconst { createTerminus } = require('@godaddy/terminus');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\nconst server = http.createServer(app);\ncreateTerminus(server, { healthChecks: { '/healthcheck': async () => true } });\nserver.listen(3000);\n` },
    });
    expect(library.lines).toEqual([]);
    const probed = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { Dockerfile: `${IMAGE}HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\n`, 'src/app.js': `const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.listen(3000);\n` },
    });
    expect(probed.lines).toEqual([]);
    const stateless = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { 'src/app.js': `const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.get('/echo', (req, res) => res.json(req.query));\napp.listen(3000);\n` },
    });
    expect(stateless.lines).toEqual([]);
    const plain = await runRule(RULE, { dependencies: {}, files: { 'src/index.ts': 'export const add = (a: number, b: number) => a + b;\n' } });
    expect(plain.lines).toEqual([]);
  });
});
