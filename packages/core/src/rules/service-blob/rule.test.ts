import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'service-blob';

/** `count` methods named `<prefix>0…`, each a one-liner. */
const methods = (count: number, prefix = 'op', modifier = '') => Array.from({ length: count }, (_, index) => `  ${modifier}${prefix}${index}() {\n    return ${index};\n  }\n`).join('');

describe('service-blob', () => {
  it('fires on an Express service class longer than the line limit, naming its public methods', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'strata.config.json': JSON.stringify({ ruleOptions: { 'service-blob': { maxLines: 40 } } }),
        'src/services/order.service.ts': `export class OrderService {\n${methods(17)}}\n`,
        'src/app.ts': `import express from 'express';\nimport { OrderService } from './services/order.service';\nconst orders = new OrderService();\nexport const app = express().get('/orders', (req, res) => res.json(orders.op0()));\n`,
      },
    });
    expect(lines).toEqual(['src/services/order.service.ts:1:8 `OrderService` has 17 public methods (limit 15) and 53 lines (limit 40): it reads as several services in one.']);
  });

  it('fires on a NestJS provider with too many constructor dependencies behind many public methods, counting only its public methods', async () => {
    const deps = Array.from({ length: 9 }, (_, index) => `private readonly d${index}: Dep${index}`).join(', ');
    const imports = Array.from({ length: 9 }, (_, index) => `class Dep${index} {}\n`).join('');
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/billing/billing.service.ts': `import { Injectable } from '@nestjs/common';\n${imports}@Injectable()\nexport class BillingService {\n  constructor(${deps}) {}\n${methods(9)}${methods(20, 'helper', 'private ')}}\n`,
      },
    });
    expect(lines).toEqual(['src/billing/billing.service.ts:12:8 `BillingService` has 9 constructor dependencies (limit 8) behind 9 public methods: it reads as several services in one.']);
  });

  it('fires on a service module of a Fastify app that exports more functions than the limit', async () => {
    const functions = Array.from({ length: 16 }, (_, index) => `export async function action${index}() {\n  return ${index};\n}\n`).join('');
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/services/users.ts': functions },
    });
    expect(lines).toEqual(['src/services/users.ts:1:1 This service module exports 16 functions (limit 15): it reads as several services in one.']);
  });

  it('stays quiet on controllers, repositories, entities and modules of any size, on a service at the limit and on use cases (one operation, or a use-case file)', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/users/users.controller.ts': `import { Controller } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n${methods(25)}}\n`,
        'src/users/users.repository.ts': `export class UsersRepository {\n${methods(25)}}\n`,
        'src/users/user.entity.ts': `export class UserEntity {\n${methods(25)}}\n`,
        'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class UsersService {\n  constructor(private readonly a: string, private readonly b: string) {}\n${methods(15)}${methods(10, 'internal', 'protected ')}${methods(6, 'create', 'static ')}}\n`,
        'src/application/use-cases/send-message.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class SendMessage {\n  constructor(${Array.from({ length: 12 }, (_, index) => `private readonly d${index}: string`).join(', ')}) {}\n  async execute() {\n    return this.d0;\n  }\n}\n`,
        'src/app/usecases/add-job/add-job.usecase.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class AddJob {\n  constructor(${Array.from({ length: 10 }, (_, index) => `private readonly d${index}: string`).join(', ')}) {}\n  async execute() {\n    return this.queueJob();\n  }\n  async queueJob() {\n    return this.d0;\n  }\n}\n`,
        'src/shared/formatters.ts': Array.from({ length: 20 }, (_, index) => `export function format${index}() {\n  return ${index};\n}\n`).join(''),
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on an orchestrator with many dependencies but few public methods, on an API client with one method per endpoint and on a cohesive facade just over the method limit', async () => {
    const deps = Array.from({ length: 11 }, (_, index) => `private readonly d${index}: Dep${index}`).join(', ');
    const imports = Array.from({ length: 11 }, (_, index) => `class Dep${index} {}\n`).join('');
    const endpoints = Array.from({ length: 20 }, (_, index) => `  getThing${index}(id: string) {\n    return this.http.get(\`/things${index}/\${id}\`);\n  }\n`).join('');
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/imports/import.service.ts': `import { Injectable } from '@nestjs/common';\n${imports}@Injectable()\nexport class ImportService {\n  constructor(${deps}) {}\n${methods(3)}${methods(12, 'step', 'private ')}}\n`,
        'src/api/api.service.ts': `import { HttpService } from './http';\nexport class ApiService {\n  constructor(private readonly http: HttpService) {}\n${endpoints}}\n`,
        'src/api/http.ts': `export class HttpService {\n  get(url: string) {\n    return fetch(url, { signal: AbortSignal.timeout(5000) });\n  }\n}\n`,
        'src/sessions/session.service.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class SessionService {\n  constructor(private readonly store: Map<string, string>) {}\n${methods(16, 'session')}}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet when the limits are raised in ruleOptions', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'strata.config.json': JSON.stringify({ ruleOptions: { 'service-blob': { maxPublicMethods: 30, maxLines: 100 } } }),
        'src/services/order.service.ts': `export class OrderService {\n${methods(17)}}\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
