import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'unbounded-concurrency';

describe('unbounded-concurrency', () => {
  it('fires on Promise.all over request input in an Express route and over a parameter in a service the route calls', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, '@prisma/client': '^6.0.0' },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/notify.ts': `export async function push(userId: string) {\n  await new Promise((resolve) => setTimeout(resolve, 5, userId));\n}\nexport async function notifyAll(userIds: string[]) {\n  await Promise.all(userIds.map((id) => push(id)));\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { prisma } from './db';\nimport { notifyAll } from './notify';\nconst app = express();\napp.post('/items/import', async (req, res) => {\n  const { items } = req.body;\n  const created = await Promise.all(items.map(async (item) => prisma.item.create({ data: item })));\n  await notifyAll(created.map((item) => item.ownerId));\n  res.json(created);\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:7:25 `Promise.all` starts `prisma create` for every element of `req.body.items` (request input) at once, with no concurrency limit while serving POST /items/import. [POST /items/import]',
      'src/notify.ts:5:9 `Promise.all` starts `push` for every element of `userIds` (a parameter, filled from request input `req.body.items`) at once, with no concurrency limit while serving POST /items/import. [POST /items/import]',
    ]);
    expect(findings[1]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:5 POST /items/import is handled by <anonymous>',
      'src/app.ts:8 calls notifyAll',
      'src/notify.ts:5 calls Promise.all',
    ]);
  });

  it('fires over a destructured parameter of a NestJS service method, naming it as the code does', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ProjectsController } from './projects.controller';\nimport { ProjectsService } from './projects.service';\n@Module({ controllers: [ProjectsController], providers: [ProjectsService] })\nexport class AppModule {}\n`,
        'src/projects.controller.ts': `import { Controller, Put, Body } from '@nestjs/common';\nimport { ProjectsService } from './projects.service';\n@Controller('projects')\nexport class ProjectsController {\n  constructor(private readonly projects: ProjectsService) {}\n  @Put('env')\n  setEnv(@Body() body: { projectIds: string[] }) {\n    return this.projects.setEnv({ projectIds: body.projectIds, key: 'X' });\n  }\n}\n`,
        'src/projects.service.ts': `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class ProjectsService {\n  async setEnv({ projectIds, key }: { projectIds: string[]; key: string }) {\n    await Promise.all(projectIds.map((id) => fetch('https://api.example.com/' + id + '/env', { method: 'POST', body: key, signal: AbortSignal.timeout(2000) })));\n  }\n}\n`,
      },
    });
    expect(lines).toEqual(['src/projects.service.ts:5:11 `Promise.all` starts `fetch` for every element of `projectIds` (a parameter, filled from request input `body.projectIds`) at once, with no concurrency limit while serving PUT /projects/env. [PUT /projects/env]']);
  });

  it('fires on Promise.allSettled over request ids with fetch in a Fastify route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/prices', async (request) => {\n  const body = request.body as { ids: string[] };\n  return Promise.allSettled(body.ids.map((id) => fetch('https://prices.example.com/' + id, { signal: AbortSignal.timeout(2000) })));\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:5:10 `Promise.allSettled` starts `fetch` for every element of `request.body.ids` (request input) at once, with no concurrency limit while serving POST /prices. [POST /prices]']);
  });

  it('fires on Promise.all of outbound calls over a TypeORM find result in a NestJS service, through a variable holding the promises', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/typeorm': '^11.0.0', typeorm: '^0.3.20' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { InvoicesController } from './invoices.controller';\nimport { InvoicesService } from './invoices.service';\n@Module({ controllers: [InvoicesController], providers: [InvoicesService] })\nexport class AppModule {}\n`,
        'src/invoices.controller.ts': `import { Controller, Post } from '@nestjs/common';\nimport { InvoicesService } from './invoices.service';\n@Controller('invoices')\nexport class InvoicesController {\n  constructor(private readonly invoices: InvoicesService) {}\n  @Post('close')\n  close() {\n    return this.invoices.closeAll();\n  }\n}\n`,
        'src/invoices.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Invoice } from './invoice.entity';\n@Injectable()\nexport class InvoicesService {\n  constructor(@InjectRepository(Invoice) private readonly repo: Repository<Invoice>) {}\n  async closeAll() {\n    const open = await this.repo.find({ where: { open: true } });\n    const notices = open.map((invoice) => fetch(invoice.webhook, { method: 'POST', signal: AbortSignal.timeout(5000) }));\n    await Promise.all(notices);\n  }\n}\n`,
        'src/invoice.entity.ts': `export class Invoice {\n  open!: boolean;\n  webhook!: string;\n}\n`,
      },
    });
    expect(lines).toEqual(['src/invoices.service.ts:11:11 `Promise.all` starts `fetch` for every element of `open` (a query result: typeorm find) at once, with no concurrency limit while serving POST /invoices/close. [POST /invoices/close]']);
  });

  it('fires on queries per element of a request DTO array with no length bound, and stays quiet on queries per element of a query result or of a DTO array capped by @ArrayMaxSize', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/typeorm': '^11.0.0', typeorm: '^0.3.20', 'class-validator': '^0.14.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { LabelsController } from './labels.controller';\nimport { LabelsService } from './labels.service';\n@Module({ controllers: [LabelsController], providers: [LabelsService] })\nexport class AppModule {}\n`,
        'src/labels.dto.ts': `import { ArrayMaxSize, IsArray, IsString } from 'class-validator';\nexport class AttachLabelsDto {\n  @IsArray()\n  @IsString({ each: true })\n  names!: string[];\n}\nexport class CountLabelsDto {\n  @IsArray()\n  @ArrayMaxSize(20)\n  names!: string[];\n}\n`,
        'src/labels.controller.ts': `import { Body, Controller, Get, Post, Query } from '@nestjs/common';\nimport { AttachLabelsDto, CountLabelsDto } from './labels.dto';\nimport { LabelsService } from './labels.service';\n@Controller('labels')\nexport class LabelsController {\n  constructor(private readonly labels: LabelsService) {}\n  @Post()\n  attach(@Body() body: AttachLabelsDto) {\n    return this.labels.attach(body.names);\n  }\n  @Get('count')\n  count(@Query() query: CountLabelsDto) {\n    return this.labels.count(query.names);\n  }\n  @Post('touch')\n  touch() {\n    return this.labels.touchAll();\n  }\n}\n`,
        'src/labels.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Label } from './label.entity';\n@Injectable()\nexport class LabelsService {\n  constructor(@InjectRepository(Label) private readonly repo: Repository<Label>) {}\n  attach(names: string[]) {\n    return Promise.all(names.map((name) => this.repo.upsert({ name }, ['name'])));\n  }\n  count(names: string[]) {\n    return Promise.all(names.map((name) => this.repo.countBy({ name })));\n  }\n  async touchAll() {\n    const labels = await this.repo.find({ where: { stale: true } });\n    await Promise.all(labels.map((label) => this.repo.save({ ...label, stale: false })));\n  }\n}\n`,
        'src/label.entity.ts': `export class Label {\n  name!: string;\n  stale!: boolean;\n}\n`,
      },
    });
    expect(lines).toEqual(['src/labels.service.ts:9:12 `Promise.all` starts `typeorm upsert` for every element of `names` (a parameter, filled from request input `body.names`) at once, with no concurrency limit while serving POST /labels. [POST /labels]']);
  });

  it('stays quiet on literal arrays, fixed tuples, sliced and paginated arrays, a p-limit limiter and callbacks without I/O', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, '@prisma/client': '^6.0.0', 'p-limit': '^6.0.0' },
      files: {
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/app.ts': `import express from 'express';\nimport pLimit from 'p-limit';\nimport { prisma } from './db';\nconst app = express();\nconst limit = pLimit(5);\nconst REGIONS = ['eu', 'us', 'ap'];\napp.post('/sync', async (req, res) => {\n  const [users, orders] = await Promise.all([prisma.user.count(), prisma.order.count()]);\n  await Promise.all(REGIONS.map((region) => fetch('https://' + region + '.example.com', { signal: AbortSignal.timeout(1000) })));\n  await Promise.all(req.body.items.map((item) => limit(() => prisma.item.create({ data: item }))));\n  const firstTen = req.body.ids.slice(0, 10);\n  await Promise.all(firstTen.map((id) => prisma.item.delete({ where: { id } })));\n  const page = await prisma.item.findMany({ take: 20 });\n  await Promise.all(page.map((item) => prisma.item.update({ where: { id: item.id }, data: { seen: true } })));\n  const labels = await Promise.all(req.body.items.map(async (item) => String(item.name).trim()));\n  res.json({ users, orders, labels });\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a parameter that the route fills with another service\'s answer or a configured list, which the rule cannot size', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0' },
      files: {
        'src/models.ts': `import mongoose from 'mongoose';\nexport const Workflow = mongoose.model('Workflow', new mongoose.Schema({ key: String }));\n`,
        'src/sync.ts': `import { Workflow } from './models';\nexport async function lookUp(discovered: { key: string }[]) {\n  return Promise.all(discovered.map((workflow) => Workflow.findOne({ key: workflow.key })));\n}\nexport async function ping(hosts: string[]) {\n  await Promise.all(hosts.map((host) => fetch('https://' + host + '/health', { signal: AbortSignal.timeout(1000) })));\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { lookUp, ping } from './sync';\nconst MIRRORS = (process.env.MIRRORS ?? '').split(',');\nconst app = express();\napp.post('/sync', async (req, res) => {\n  const answer = await fetch('https://bridge.example.com/discover', { signal: AbortSignal.timeout(2000) });\n  const { workflows } = await answer.json();\n  res.json(await lookUp(workflows));\n});\napp.post('/mirrors/ping', async (req, res) => {\n  await ping(MIRRORS);\n  res.sendStatus(204);\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a parameter array no route reaches (a CLI reading files, a job)', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'src/cli/read.ts': `import { readFile } from 'node:fs/promises';\nexport async function readAll(files: string[]) {\n  return Promise.all(files.map((file) => readFile(file, 'utf8')));\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet in tests and scripts', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, '@prisma/client': '^6.0.0' },
      files: {
        'scripts/backfill.ts': `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function backfill(ids: string[]) {\n  await Promise.all(ids.map((id) => prisma.user.update({ where: { id }, data: {} })));\n}\n`,
        'test/seed.test.ts': `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function seed(ids: string[]) {\n  await Promise.all(ids.map((id) => prisma.user.delete({ where: { id } })));\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
