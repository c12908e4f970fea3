import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'rbac-in-controller-only';

const NEST_FILES = (service: string) => ({
  'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
  'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { RefundsController } from './refunds/refunds.controller';\nimport { RefundsService } from './refunds/refunds.service';\n@Module({ controllers: [RefundsController], providers: [RefundsService] })\nexport class AppModule {}\n`,
  'src/auth/roles.decorator.ts': `import { SetMetadata } from '@nestjs/common';\nexport const Roles = (...roles: string[]) => SetMetadata('roles', roles);\n`,
  'src/auth/roles.guard.ts': `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\n@Injectable()\nexport class RolesGuard implements CanActivate {\n  canActivate(context: ExecutionContext) { return context.switchToHttp().getRequest().user?.roles?.includes('admin') ?? false; }\n}\n`,
  'src/refunds/refunds.controller.ts': `import { Body, Controller, Post, UseGuards } from '@nestjs/common';\nimport { Roles } from '../auth/roles.decorator';\nimport { RolesGuard } from '../auth/roles.guard';\nimport { RefundsService } from './refunds.service';\n@Controller('refunds')\n@UseGuards(RolesGuard)\nexport class RefundsController {\n  constructor(private readonly refunds: RefundsService) {}\n  @Post()\n  @Roles('admin')\n  create(@Body() body: { orderId: string }) {\n    return this.refunds.refund(body.orderId);\n  }\n}\n`,
  'src/refunds/refunds.service.ts': service,
});

describe('rbac-in-controller-only', () => {
  it('fires when NestJS routes decide by role and no service checks anything', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: NEST_FILES(`import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class RefundsService {\n  async refund(orderId: string) {\n    return { orderId, refunded: true };\n  }\n}\n`),
    });
    expect(lines).toEqual([
      'src/refunds/refunds.controller.ts:11:9 POST /refunds is authorised at the edge (RolesGuard), and no use case or domain policy in the 1 application and domain file checks a role, a permission or ownership: the same operations called from elsewhere run unchecked. [POST /refunds]',
    ]);
  });

  it('fires on Express and Fastify apps with role middleware in front of use cases that check nothing', async () => {
    const express = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/interfaces/http/app.ts': `import express from 'express';\nimport { requireRole } from './require-role';\nimport { archiveProject } from '../../application/archive-project';\nconst app = express();\napp.post('/projects/:id/archive', requireRole('owner'), async (req, res) => res.json(await archiveProject(req.params.id)));\n`,
        'src/interfaces/http/require-role.ts': `export const requireRole = (role: string) => (req, res, next) => (req.user?.role === role ? next() : res.sendStatus(403));\n`,
        'src/application/archive-project.ts': `export async function archiveProject(id: string) {\n  return { id, archived: true };\n}\n`,
      },
    });
    expect(express.lines).toEqual([expect.stringMatching(/^src\/interfaces\/http\/app\.ts:5:1 POST \/projects\/:id\/archive is authorised at the edge \(requireRole\(…\)\)/)]);
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: {
        'src/interfaces/http/app.ts': `import Fastify from 'fastify';\nimport { isAdmin } from './is-admin';\nimport { deleteTenant } from '../../application/delete-tenant';\nconst app = Fastify();\napp.delete('/tenants/:id', { preHandler: isAdmin }, async (request) => deleteTenant((request.params as { id: string }).id));\n`,
        'src/interfaces/http/is-admin.ts': `export async function isAdmin(request, reply) { if (!request.user?.admin) reply.code(403).send(); }\n`,
        'src/application/delete-tenant.ts': `export async function deleteTenant(id: string) {\n  return { id };\n}\n`,
      },
    });
    expect(fastify.lines).toEqual([expect.stringMatching(/^src\/interfaces\/http\/app\.ts:5:1 DELETE \/tenants\/:id is authorised at the edge \(isAdmin\)/)]);
  });

  it('stays quiet when a use case throws a forbidden error, asks a policy or reads the actor\'s role', async () => {
    for (const service of [
      `import { Injectable, ForbiddenException } from '@nestjs/common';\n@Injectable()\nexport class RefundsService {\n  async refund(orderId: string, actorId?: string) {\n    if (!actorId) throw new ForbiddenException();\n    return { orderId };\n  }\n}\n`,
      `import { Injectable } from '@nestjs/common';\nimport { policy } from './refund.policy';\n@Injectable()\nexport class RefundsService {\n  async refund(orderId: string) {\n    policy.assertCanRefund(orderId);\n    return { orderId };\n  }\n}\n`,
      `import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class RefundsService {\n  async refund(orderId: string, actor = { roles: [] as string[] }) {\n    const allowed = actor.roles.length > 0;\n    return { orderId, allowed };\n  }\n}\n`,
    ]) {
      const { lines } = await runRule(RULE, { dependencies: NEST, files: NEST_FILES(service) });
      expect(lines).toEqual([]);
    }
  });

  it('stays quiet on authentication only, and on an MVC app with no use-case layer', async () => {
    const authOnly = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/interfaces/http/app.ts': `import express from 'express';\nimport { requireAuth } from './require-auth';\nimport { archiveProject } from '../../application/archive-project';\nconst app = express();\napp.post('/projects/:id/archive', requireAuth, async (req, res) => res.json(await archiveProject(req.params.id)));\n`,
        'src/interfaces/http/require-auth.ts': `export const requireAuth = (req, res, next) => (req.user ? next() : res.sendStatus(401));\n`,
        'src/application/archive-project.ts': `export async function archiveProject(id: string) {\n  return { id };\n}\n`,
      },
    });
    expect(authOnly.lines).toEqual([]);
    const mvc = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'routes/projects.js': `const express = require('express');\nconst { requireRole } = require('../middleware/roles');\nconst controller = require('../controllers/projects');\nconst router = express.Router();\nrouter.post('/:id/archive', requireRole('owner'), controller.archive);\nmodule.exports = router;\n`,
        'middleware/roles.js': `exports.requireRole = (role) => (req, res, next) => next();\n`,
        'controllers/projects.js': `exports.archive = (req, res) => res.json({ id: req.params.id });\n`,
        'app.js': `const express = require('express');\nconst app = express();\napp.use('/projects', require('./routes/projects'));\napp.listen(3000);\n`,
      },
    });
    expect(mvc.lines).toEqual([]);
  });
});
