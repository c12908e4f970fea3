import { describe, expect, it } from 'vitest';
import { CallGraph, keyOf, type FunctionRef } from '../../src/program/call-graph.js';
import type { ProgramModels } from '../../src/program/models.js';
import { NEST, modelsForSuite } from '../helpers/rule-tester.js';

const modelsOf = modelsForSuite();

/** The function of `file` named `name`. */
function fn(models: ProgramModels, file: string, name: string): FunctionRef {
  const index = models.linker.summary(file)!.functions.findIndex((info) => info.name === name);
  expect(index, `${name} in ${file}`).toBeGreaterThanOrEqual(0);
  return { file, fn: index };
}

/** What each call made in a function lands in: `callee text -> file:function` or `-> module path`. */
function callees(models: ProgramModels, ref: FunctionRef): string[] {
  return models.calls.callsIn(ref).map(({ site, callee }) => {
    const entity = callee?.entity;
    const target =
      entity?.kind === 'function'
        ? `${entity.file}:${models.linker.summary(entity.file)!.functions[entity.fn]!.name}`
        : entity?.kind === 'external'
          ? `${entity.module} ${entity.path.join('.')}`
          : (entity?.kind ?? 'unresolved');
    return `${site.text} -> ${target}${callee?.rest.length ? ` (+${callee.rest.join('.')})` : ''}`;
  });
}

describe('symbol linking', () => {
  it('follows barrels, aliases, default exports and export lists to the declaration', async () => {
    const models = await modelsOf({
      'src/domain/money.ts': `export function add(a: number, b: number) { return a + b; }\nexport default function format(n: number) { return String(n); }\n`,
      'src/domain/index.ts': `export { add as plus } from './money';\nexport { default as format } from './money';\nexport * from './tax';\n`,
      'src/domain/tax.ts': `const rate = 0.2;\nfunction vat(n: number) { return n * rate; }\nexport { vat };\n`,
      'src/app.ts': `import { plus, format as show, vat } from './domain';\nexport function total(n: number) { return show(plus(n, vat(n))); }\n`,
    });
    expect(callees(models, fn(models, 'src/app.ts', 'total'))).toEqual(['show -> src/domain/money.ts:format', 'plus -> src/domain/money.ts:add', 'vat -> src/domain/tax.ts:vat']);
  });

  it('resolves the calls of each function once per run and keeps functions of the same index in different files apart', async () => {
    const models = await modelsOf({
      'src/a.ts': `import jwt from 'jsonwebtoken';\nexport function sign(id: string) { return jwt.sign({ id }, 'k'); }\n`,
      'src/b.ts': `import { readFileSync } from 'node:fs';\nexport function load() { return readFileSync('x'); }\n`,
    });
    const inA = fn(models, 'src/a.ts', 'sign');
    const inB = fn(models, 'src/b.ts', 'load');
    expect(inA.fn).toBe(inB.fn);
    const first = models.calls.callsIn(inA);
    expect(models.calls.callsIn({ ...inA })).toBe(first);
    expect(callees(models, inB)).toEqual(['readFileSync -> fs readFileSync']);
    const target = CallGraph.external(first[0]!);
    expect(target).toEqual({ module: 'jsonwebtoken', steps: ['sign'] });
    expect(CallGraph.external(first[0]!)).toBe(target);
  });

  it('follows CommonJS require, destructuring, module.exports objects and exports.name', async () => {
    const models = await modelsOf({
      'lib/mailer.js': `function send(to) { return to; }\nmodule.exports = { send };\n`,
      'lib/audit.js': `exports.record = function record(event) { return event; };\n`,
      'app.js': `const mailer = require('./lib/mailer');\nconst { record } = require('./lib/audit');\nconst fs = require('fs');\nfunction signup(user) {\n  mailer.send(user.email);\n  record('signup');\n  fs.readFileSync('x');\n}\nmodule.exports = signup;\n`,
    });
    expect(callees(models, fn(models, 'app.js', 'signup'))).toEqual(['mailer.send -> lib/mailer.js:send', 'record -> lib/audit.js:record', 'fs.readFileSync -> fs readFileSync']);
  });

  it('resolves this.dep.method() through constructor parameters, typed fields, inheritance and NestJS injection by type', async () => {
    const models = await modelsOf(
      {
        'src/orders/orders.repository.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class OrdersRepository {\n  save(order: object) { return order; }\n}\n`,
        'src/shared/base.service.ts': `export abstract class BaseService {\n  protected log(message: string) { return message; }\n}\n`,
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';\nimport { OrdersRepository } from './orders.repository';\nimport { BaseService } from '../shared/base.service';\n@Injectable()\nexport class OrdersService extends BaseService {\n  private readonly audit: OrdersRepository;\n  constructor(private readonly orders: OrdersRepository, audit: OrdersRepository) {\n    super();\n    this.audit = audit;\n  }\n  async create(order: object) {\n    this.log('create');\n    await this.audit.save(order);\n    return this.orders.save(order);\n  }\n}\n`,
      },
      NEST,
    );
    expect(callees(models, fn(models, 'src/orders/orders.service.ts', 'OrdersService.create'))).toEqual([
      'this.log -> src/shared/base.service.ts:BaseService.log',
      'this.audit.save -> src/orders/orders.repository.ts:OrdersRepository.save',
      'this.orders.save -> src/orders/orders.repository.ts:OrdersRepository.save',
    ]);
  });

  it('resolves a port typed by an interface or an abstract class to its one implementation, and not when there are two', async () => {
    const models = await modelsOf({
      'src/orders/application/ports.ts': `export interface OrderRepository { save(order: object): Promise<void>; }\nexport abstract class Clock { abstract now(): Date; }\nexport interface Notifier { send(text: string): Promise<void>; }\n`,
      'src/orders/infrastructure/sql-order-repository.ts': `import type { OrderRepository } from '../application/ports';\nexport class SqlOrderRepository implements OrderRepository {\n  async save(order: object) { return; }\n}\n`,
      'src/orders/infrastructure/system-clock.ts': `import { Clock } from '../application/ports';\nexport class SystemClock extends Clock {\n  now() { return new Date(); }\n}\n`,
      'src/orders/infrastructure/notifiers.ts': `import type { Notifier } from '../application/ports';\nexport class MailNotifier implements Notifier { async send() {} }\nexport class SmsNotifier implements Notifier { async send() {} }\n`,
      'src/orders/application/place-order.ts': `import type { OrderRepository, Notifier } from './ports';\nimport { Clock } from './ports';\nexport class PlaceOrder {\n  constructor(private readonly orders: OrderRepository, private readonly clock: Clock, private readonly notifier: Notifier) {}\n  async execute(order: object) {\n    this.clock.now();\n    await this.orders.save(order);\n    await this.notifier.send('placed');\n  }\n}\n`,
    });
    expect(callees(models, fn(models, 'src/orders/application/place-order.ts', 'PlaceOrder.execute'))).toEqual([
      'this.clock.now -> src/orders/infrastructure/system-clock.ts:SystemClock.now',
      'this.orders.save -> src/orders/infrastructure/sql-order-repository.ts:SqlOrderRepository.save',
      'this.notifier.send -> instance (+notifier.send)',
    ]);
  });

  it('honours lexical scope: a parameter or local that shadows an import is not the import', async () => {
    const models = await modelsOf({
      'src/util.ts': `export function parse(text: string) { return text; }\n`,
      'src/app.ts': `import { parse } from './util';\nexport function a(text: string) { return parse(text); }\nexport function b(parse: (t: string) => string) { return parse('x'); }\nexport function c() { const parse = (t: string) => t; { return parse('y'); } }\nexport function d() { return later(); }\nfunction later() { return parse('hoisted'); }\n`,
    });
    expect(callees(models, fn(models, 'src/app.ts', 'a'))).toEqual(['parse -> src/util.ts:parse']);
    expect(callees(models, fn(models, 'src/app.ts', 'b'))).toEqual(['parse -> unresolved']);
    expect(callees(models, fn(models, 'src/app.ts', 'c'))).toEqual(['parse -> src/app.ts:parse']);
    expect(callees(models, fn(models, 'src/app.ts', 'd'))).toEqual(['later -> src/app.ts:later']);
  });
});

describe('call graph', () => {
  it('reaches functions across files with the shortest path, through callbacks, and stops at the depth bound', async () => {
    const models = await modelsOf({
      'src/chain.ts': `export function f0() { return f1(); }\nfunction f1() { return [1].map(() => f2()); }\nfunction f2() { return f3(); }\nfunction f3() { return f4(); }\nfunction f4() { return 4; }\n`,
    });
    const start = fn(models, 'src/chain.ts', 'f0');
    const reach = models.calls.reachableFrom(start, 2);
    const names = [...reach.values()].map(({ ref, path }) => `${models.calls.info(ref)!.name}:${path.length}`);
    expect(names).toEqual(['f0:0', 'f1:1', '<anonymous>:1', 'f2:2']);
    expect(reach.has(keyOf(fn(models, 'src/chain.ts', 'f3')))).toBe(false);
    expect(models.calls.reachableFrom(start).has(keyOf(fn(models, 'src/chain.ts', 'f4')))).toBe(true);
  });

  it('records where each call sits: loop, try, catch, how its result is used and the chain built on it', async () => {
    const models = await modelsOf({
      'src/jobs.ts': `async function load(id: string) { return id; }\nexport async function run(ids: string[]) {\n  for (const id of ids) {\n    try { await load(id); } catch (error) { load('retry').then(() => 1); }\n  }\n  load('x');\n  void load('y');\n  return load('z');\n}\n`,
    });
    const sites = models.calls.callsIn(fn(models, 'src/jobs.ts', 'run')).map(({ site }) => `${site.text}(${site.args?.[0]?.kind === 'string' ? site.args[0].value : '…'}) ${site.use}${site.loop ? ` in ${site.loop}` : ''}${site.inTry ? ' in try' : ''}${site.inCatch ? ' in catch' : ''}${site.chain ? ` .${site.chain.map((link) => link.name).join('.')}` : ''}`);
    expect(sites).toEqual(['load(…) await in for-of in try', "load(retry) handled in for-of in catch .then", 'load(x) statement', 'load(y) void', 'load(z) return']);
  });
});
