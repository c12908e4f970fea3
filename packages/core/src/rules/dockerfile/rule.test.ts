import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'dockerfile';
const EXPRESS_APP = { 'src/app.js': `const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\napp.listen(3000);\n` };
const GOOD = `FROM node:20-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/main.js"]\n`;

describe('dockerfile', () => {
  it('fires on an Express service image running as root, installing without a lockfile and copying the context over the install', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { ...EXPRESS_APP, Dockerfile: `FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nCMD ["node", "src/app.js"]\n` },
    });
    expect(lines).toEqual([
      'Dockerfile:1:1 The image\'s final stage (`FROM node:20`) sets no `USER`: the service runs as root inside the container.',
      'Dockerfile:4:1 `npm install` installs with no lockfile in the image (the repository has none): each build resolves the version ranges afresh and may ship dependency versions nobody tested; commit a lockfile, copy it in and use `npm ci`.',
      "Dockerfile:5:1 `COPY .` after the install, with no `.dockerignore` leaving out node_modules: the host's node_modules overwrite the ones installed in the image.",
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'warn', 'warn']);
  });

  it('fires on a Fastify image that builds in its only stage and on `USER root`, and on a NestJS image copying node_modules from the host', async () => {
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/items', async () => []);\nawait app.listen({ port: 3000 });\n`,
        'package-lock.json': '{}',
        Dockerfile: `FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN yarn install --frozen-lockfile\nCOPY src ./src\nRUN npm run build\nUSER root\nCMD ["node", "dist/app.js"]\n`,
      },
    });
    expect(fastify.lines).toEqual([
      "Dockerfile:6:1 One stage builds and runs: the image ships the compiler, the dev dependencies and the sources beside the build output (bigger, slower to pull, more to patch).",
      "Dockerfile:7:1 The image's final stage switches to `USER root`: the service runs as root inside the container.",
    ]);
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.controller.ts': `import { Controller, Get } from '@nestjs/common';\n@Controller('health')\nexport class AppController {\n  @Get()\n  ok() {\n    return 'ok';\n  }\n}\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { AppController } from './app.controller';\n@Module({ controllers: [AppController] })\nexport class AppModule {}\n`,
        'deploy/Dockerfile': `FROM node:20-slim\nWORKDIR /app\nCOPY node_modules ./node_modules\nCOPY dist ./dist\nUSER node\nCMD ["node", "dist/main.js"]\n`,
      },
    });
    expect(nest.lines).toEqual(["deploy/Dockerfile:3:1 `COPY node_modules` copies the host's node_modules into the image: packages built for another platform and whatever was installed by hand, instead of an install from the lockfile."]);
  });

  it('gives one finding per problem across copies of one Dockerfile, and a notice for `npm install` with the lockfile copied in', async () => {
    const service = `FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install\nUSER node\nCMD ["node", "index.js"]\n`;
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { ...EXPRESS_APP, 'package-lock.json': '{}', 'docker/users.Dockerfile': service, 'docker/orders.Dockerfile': service },
    });
    expect(lines).toEqual([
      'docker/orders.Dockerfile:3:1 `npm install` installs from the lockfile copied in, but updates it silently where package.json disagrees instead of failing the build; use `npm ci`. The same in 1 other Dockerfile: docker/users.Dockerfile.',
    ]);
    expect(findings[0]!.severity).toBe('info');
  });

  it('notes a service with no Dockerfile and no platform file, and stays quiet with a good image, a platform file, a library or a CLI', async () => {
    const none = await runRule(RULE, { dependencies: EXPRESS, files: EXPRESS_APP });
    expect(none.lines).toEqual(['package.json:1:1 The HTTP service (1 route) has no Dockerfile and no platform deployment file: how it is built and run in production is not in the repository.']);
    expect(none.findings[0]!.severity).toBe('info');
    const good = await runRule(RULE, { dependencies: EXPRESS, files: { ...EXPRESS_APP, 'package-lock.json': '{}', Dockerfile: GOOD, '.dockerignore': 'node_modules\n' } });
    expect(good.lines).toEqual([]);
    const distroless = await runRule(RULE, { dependencies: EXPRESS, files: { ...EXPRESS_APP, Dockerfile: `FROM node:20 AS build\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM gcr.io/distroless/nodejs20-debian12:nonroot\nCOPY --from=build /app /app\nCMD ["app/src/app.js"]\n` } });
    expect(distroless.lines).toEqual([]);
    const platform = await runRule(RULE, { dependencies: EXPRESS, files: { ...EXPRESS_APP, Procfile: 'web: node src/app.js\n' } });
    expect(platform.lines).toEqual([]);
    const library = await runRule(RULE, { dependencies: {}, files: { 'src/index.ts': 'export const add = (a: number, b: number) => a + b;\n' } });
    expect(library.lines).toEqual([]);
    const cli = await runRule(RULE, {
      files: { ...EXPRESS_APP, 'package.json': JSON.stringify({ name: 'tool', bin: { tool: 'src/app.js' }, dependencies: EXPRESS }) },
    });
    expect(cli.lines).toEqual([]);
  });

  it('stays quiet on a root entrypoint that drops privileges, on development Dockerfiles and on an image started with development scripts', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        ...EXPRESS_APP,
        'package-lock.json': '{}',
        Dockerfile: `FROM node:20 AS build\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /node_modules ./node_modules\nCOPY docker/entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n`,
        'docker/entrypoint.sh': '#!/bin/sh\nchown -R node /data\nexec gosu node "$@"\n',
        'Dockerfile.dev': 'FROM node:20\nRUN npm install\nCOPY . .\n',
      },
    });
    expect(lines).toEqual([]);
    const development = await runRule(RULE, {
      dependencies: EXPRESS,
      files: { ...EXPRESS_APP, Dockerfile: 'FROM node:20\nCOPY . .\nRUN npm install\nCMD ["./entrypoint.sh"]\n', 'entrypoint.sh': '#!/bin/sh\nnpm run migrate:dev\nnpm run start:dev\n' },
    });
    expect(development.lines).toEqual([]);
  });

  it('never crashes on hostile Dockerfiles: NUL bytes, a binary file, a huge line, no FROM', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        ...EXPRESS_APP,
        Dockerfile: `FROM node:20\0\nRUN npm ci\n`,
        'a/Dockerfile': `FROM node:20\nRUN ${'x'.repeat(500_000)}\nUSER node\n`,
        'b/Dockerfile': 'USER root\nRUN npm install\n',
        'c/Containerfile': '\\\n\\\n',
      },
    });
    expect(lines).toEqual([]);
  });
});
