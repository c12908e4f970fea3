import { describe, expect, it } from 'vitest';
import { parameterOrigin } from '../../src/program/async/argument-origin.js';
import { keyOf } from '../../src/program/call-graph.js';
import type { ProgramModels } from '../../src/program/models.js';
import type { Ref } from '../../src/program/summary.js';
import { EXPRESS, NEST, modelsForSuite } from '../helpers/rule-tester.js';

const modelsOf = modelsForSuite();

/**
 * The origin of the array a function's first `.map` call walks, along the path from the first route
 * whose handler reaches the function, as `kind text` or null.
 */
function originOfMapped(models: ProgramModels, file: string, name: string): string | null {
  const summary = models.linker.summary(file)!;
  const fn = summary.functions.findIndex((info) => info.name === name);
  expect(fn, `${name} in ${file}`).toBeGreaterThanOrEqual(0);
  const map = summary.calls.find((site) => site.fn === fn && site.callee?.path.at(-1) === 'map');
  expect(map, `a .map call in ${name}`).toBeDefined();
  const array: Ref = { root: map!.callee!.root, path: map!.callee!.path.slice(0, -1) };
  for (const route of models.routes) {
    const reached = route.handler ? models.calls.reachableFrom(route.handler).get(keyOf({ file, fn })) : undefined;
    if (!reached) continue;
    const origin = parameterOrigin(file, array, reached.path, models.calls, models.linker);
    return origin ? `${origin.kind} ${origin.text}` : null;
  }
  throw new Error(`no route reaches ${name}`);
}

describe('parameter origins along a request path', () => {
  it('follows a NestJS @Body() field through an object literal, a command factory and a destructured parameter', async () => {
    const models = await modelsOf(
      {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { TagsController } from './tags.controller';\nimport { TagsService } from './tags.service';\n@Module({ controllers: [TagsController], providers: [TagsService] })\nexport class AppModule {}\n`,
        'src/tags.command.ts': `export class TagCommand {\n  names!: string[];\n  static create(fields: { names: string[] }) {\n    return Object.assign(new TagCommand(), fields);\n  }\n}\n`,
        'src/tags.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\nimport { TagCommand } from './tags.command';\nimport { TagsService } from './tags.service';\n@Controller('tags')\nexport class TagsController {\n  constructor(private readonly tags: TagsService) {}\n  @Post()\n  attach(@Body() body: { names: string[] }) {\n    return this.tags.attach(TagCommand.create({ names: body.names }));\n  }\n  @Post('rename')\n  rename(@Body() body: { names: string[] }) {\n    return this.tags.rename({ names: body.names });\n  }\n}\n`,
        'src/tags.service.ts': `import { Injectable } from '@nestjs/common';\nimport type { TagCommand } from './tags.command';\n@Injectable()\nexport class TagsService {\n  attach(command: TagCommand) {\n    return command.names.map((name) => name.trim());\n  }\n  rename({ names }: { names: string[] }) {\n    return names.map((name) => name.toUpperCase());\n  }\n}\n`,
      },
      NEST,
    );
    expect(originOfMapped(models, 'src/tags.service.ts', 'TagsService.attach')).toBe('request body.names');
    expect(originOfMapped(models, 'src/tags.service.ts', 'TagsService.rename')).toBe('request body.names');
  });

  it('follows Express request input through variables, .map and Promise.all, and stops at another service\'s answer or a handler parameter that carries no request part', async () => {
    const models = await modelsOf(
      {
        'src/work.ts': `export function fromBody(ids: string[]) {\n  return ids.map((id) => id.length);\n}\nexport function fromRows(rows: { id: string }[]) {\n  return rows.map((row) => row.id);\n}\nexport function fromUpstream(items: string[]) {\n  return items.map((item) => item.trim());\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { fromBody, fromRows, fromUpstream } from './work';\nconst app = express();\napp.post('/a', async (req, res) => {\n  const { orders } = req.body;\n  const saved = await Promise.all(orders.map(async (order) => order));\n  res.json(fromBody(saved.map((order) => order.id)));\n});\napp.post('/b', async (req, res) => {\n  const answer = await fetch('https://upstream.example.com/items', { signal: AbortSignal.timeout(1000) });\n  const { items } = await answer.json();\n  res.json(fromUpstream(items));\n});\napp.post('/c', (req, res) => {\n  res.json(fromRows(res.locals.rows));\n});\n`,
      },
      EXPRESS,
    );
    expect(originOfMapped(models, 'src/work.ts', 'fromBody')).toBe('request req.body.orders');
    expect(originOfMapped(models, 'src/work.ts', 'fromUpstream')).toBeNull();
    expect(originOfMapped(models, 'src/work.ts', 'fromRows')).toBeNull();
  });
});

describe('destructured parameters', () => {
  it('bind each name at its member path, and an array element or rest at none', async () => {
    const models = await modelsOf(
      {
        'src/handler.ts': `export function handle({ body: { items }, query, params: [first], ...rest }: any) {\n  items.push(1);\n  query.get();\n  first.go();\n  rest.run();\n}\n`,
      },
      {},
    );
    const summary = models.linker.summary('src/handler.ts')!;
    const callees = summary.calls.map((site) => `${site.callee!.root.kind}:${site.callee!.path.join('.')}`);
    expect(callees).toEqual(['param:body.items.push', 'param:query.get', 'param:go', 'param:run']);
  });
});
