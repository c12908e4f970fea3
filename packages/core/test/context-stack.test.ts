import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { prettyReporter } from '../src/reporters/pretty.js';
import type { ProjectContext } from '../src/types.js';
import { makeRepo } from './helpers/temp-repo.js';

const names = (items: { name: string }[]) => items.map((item) => item.name);
const manifest = (fields: Record<string, unknown>) => JSON.stringify({ name: 'service', ...fields });
const contextOf = async (files: Record<string, string>): Promise<ProjectContext> => (await analyze({ root: makeRepo(files), cache: false })).context;

describe('context: the libraries real backends are built with', () => {
  it('a Fastify service: Mercurius, Socket.IO, sessions, TypeBox, Slonik, tap and Cypress', async () => {
    const context = await contextOf({
      'package.json': manifest({
        dependencies: {
          fastify: '^5',
          mercurius: '^16',
          'socket.io': '^4',
          '@fastify/secure-session': '^8',
          '@fastify/session': '^11',
          '@fastify/type-provider-typebox': '^5',
          slonik: '^46',
        },
        devDependencies: { tap: '^21', cypress: '^14' },
      }),
      'src/app.js': "import Fastify from 'fastify';\nexport const app = Fastify();\n",
    });
    expect(names(context.apiStyles)).toEqual(['GraphQL (Mercurius)']);
    expect(names(context.realtime)).toEqual(['Socket.IO']);
    expect(names(context.auth)).toEqual(['@fastify/session', '@fastify/secure-session']);
    expect(names(context.validation)).toEqual(['TypeBox']);
    expect(names(context.orms)).toEqual(['Slonik']);
    expect(names(context.databases)).toEqual(['PostgreSQL']);
    expect(names(context.testRunners)).toEqual(['node-tap', 'Cypress']);
  });

  it('an Express service: Passport with strategies from another workspace, Apollo Server, ws, Objection on Knex, Mocha and Playwright', async () => {
    const context = await contextOf({
      'package.json': manifest({ private: true, workspaces: ['packages/*'], devDependencies: { mocha: '^11', '@playwright/test': '^1' } }),
      'packages/api/package.json': JSON.stringify({
        name: 'api',
        dependencies: { express: '^5', 'express-session': '^1', 'passport-jwt': '^4', 'passport-local': '^1', '@apollo/server': '^5', ws: '^8', objection: '^3', knex: '^3', mysql2: '^3' },
      }),
      'packages/api/src/server.js': "const express = require('express');\nmodule.exports = express();\n",
    });
    expect(context.auth).toEqual([
      { name: 'Passport', evidence: 'passport-jwt, passport-local in packages/api/package.json' },
      { name: 'express-session', evidence: 'express-session in packages/api/package.json' },
    ]);
    expect(names(context.apiStyles)).toEqual(['GraphQL (Apollo Server)']);
    expect(names(context.realtime)).toEqual(['WebSocket (ws)']);
    expect(names(context.orms)).toEqual(['Objection', 'Knex']);
    expect(names(context.databases)).toEqual(['MySQL']);
    expect(names(context.testRunners)).toEqual(['Mocha', 'Playwright']);
  });

  it('a NestJS service: its own Logger, @nestjs/graphql, MikroORM by its driver package, Nest Passport and JWT; Kysely and Yoga elsewhere', async () => {
    const nest = await contextOf({
      'package.json': manifest({
        dependencies: { '@nestjs/core': '^11', '@nestjs/graphql': '^13', '@mikro-orm/postgresql': '^6', '@mikro-orm/nestjs': '^6', '@nestjs/passport': '^11', '@nestjs/jwt': '^11' },
        devDependencies: { jest: '^30' },
      }),
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/main.ts': "import { Logger } from '@nestjs/common';\nnew Logger('bootstrap').log('listening');\n",
      'test/app.e2e-spec.ts': "import { Logger } from '@nestjs/common';\nexport const quiet = Logger;\n",
    });
    expect(nest.loggers).toEqual([{ name: 'Nest Logger (built-in)', evidence: 'Logger from @nestjs/common imported by 1 file' }]);
    expect(names(nest.apiStyles)).toEqual(['GraphQL (NestJS)']);
    expect(nest.orms).toEqual([{ name: 'MikroORM', evidence: '@mikro-orm/postgresql, @mikro-orm/nestjs in package.json' }]);
    expect(names(nest.databases)).toEqual(['PostgreSQL']);
    expect(names(nest.auth)).toEqual(['Nest JWT', 'Nest Passport']);
    expect(names(nest.testRunners)).toEqual(['Jest']);

    const yoga = await contextOf({
      'package.json': manifest({ dependencies: { 'graphql-yoga': '^5', kysely: '^0.28', pg: '^8', jose: '^6', jsonwebtoken: '^9' }, devDependencies: { ava: '^6' } }),
      'src/server.ts': "import { createYoga } from 'graphql-yoga';\nexport const yoga = createYoga({});\n",
    });
    expect(names(yoga.apiStyles)).toEqual(['GraphQL (Yoga)']);
    expect(names(yoga.orms)).toEqual(['Kysely']);
    expect(names(yoga.auth)).toEqual(['jsonwebtoken', 'jose']);
    expect(names(yoga.testRunners)).toEqual(['AVA']);
  });

  it('takes no framework from type-only imports: a NestJS controller typing its request with Express', async () => {
    const context = await contextOf({
      'src/users/users.controller.ts':
        "import { Controller, Get, Req } from '@nestjs/common';\nimport type { Request } from 'express';\n@Controller('users')\nexport class UsersController { @Get() list(@Req() request: Request) { return request.url; } }\n",
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module.js';\nexport const app = NestFactory.create(AppModule);\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
    });
    expect(context.frameworks).toEqual([{ name: 'NestJS', evidence: '@nestjs/core imported by 1 file' }]);
  });

  it("leaves a front-end's libraries out of the backend's context", async () => {
    const context = await contextOf({
      'package.json': manifest({ private: true, workspaces: ['apps/*'] }),
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { fastify: '^5', pino: '^9' }, devDependencies: { vitest: '^4' } }),
      'apps/api/src/app.ts': "import Fastify from 'fastify';\nexport const app = Fastify();\n",
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '^19', 'socket.io': '^4', zod: '^4' }, devDependencies: { cypress: '^14', jest: '^30' } }),
      'apps/web/src/main.ts': 'export const main = 1;\n',
    });
    expect(context.frontends).toEqual([expect.objectContaining({ folder: 'apps/web' })]);
    expect(names(context.testRunners)).toEqual(['Vitest']);
    expect(context.realtime).toEqual([]);
    expect(context.validation).toEqual([]);
  });

  it('prints API styles and realtime beside the framework, and each front-end with its reason', async () => {
    const result = await analyze({
      root: makeRepo({
        'package.json': manifest({ private: true, workspaces: ['apps/*'] }),
        'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5', '@apollo/server': '^5', 'socket.io': '^4' } }),
        'apps/api/src/server.ts': "import express from 'express';\nexport const app = express();\n",
        'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { vue: '^3' } }),
        'apps/web/src/main.ts': 'export const main = 1;\n',
      }),
      cache: false,
    });
    const text = prettyReporter(result, { color: false });
    expect(text).toContain('Framework     Express · API GraphQL (Apollo Server) · realtime Socket.IO');
    expect(text).toContain('Front-ends    apps/web/ (1 file, depends on vue): not reviewed');
  });
});

describe("context: node's own test runner", () => {
  it.each([
    ['tsx --test "src/**/*.test.ts"', '`tsx --test` in the "test" script of package.json'],
    ['node --import tsx --test test/*.test.ts', '`node --import tsx --test` in the "test" script of package.json'],
    ['c8 node --test-reporter=spec --test', '`node --test-reporter=spec --test` in the "test" script of package.json'],
  ])('is read from the script `%s`', async (script, evidence) => {
    const context = await contextOf({ 'package.json': manifest({ scripts: { test: script } }), 'src/index.ts': 'export const one = 1;\n' });
    expect(context.testRunners).toEqual([{ name: 'node:test', evidence }]);
  });

  it('is read from test files importing node:test, and not from Jest flags that start with --test', async () => {
    const imported = await contextOf({
      'package.json': manifest({ scripts: { test: 'node --run unit' } }),
      'test/orders.test.js': "import { test } from 'node:test';\ntest('orders', () => {});\n",
    });
    expect(imported.testRunners).toEqual([{ name: 'node:test', evidence: 'node:test imported by 1 file' }]);
    const jest = await contextOf({ 'package.json': manifest({ scripts: { test: 'node node_modules/.bin/jest --testTimeout 5000' } }), 'src/index.js': 'export const one = 1;\n' });
    expect(jest.testRunners).toEqual([]);
  });
});
