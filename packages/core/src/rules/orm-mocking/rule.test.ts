import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'orm-mocking';

const EXPRESS_SERVER = `import express from 'express';\nimport { listUsers } from './users.service.js';\nconst app = express();\napp.get('/users', async (req, res) => res.json(await listUsers()));\napp.listen(3000);\n`;

describe('orm-mocking', () => {
  it('fires once, as advice, on Express tests that mock the Prisma client module and spy on a Mongoose model', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, '@prisma/client': '^5.0.0', mongoose: '^8.0.0' },
      files: {
        'src/server.ts': EXPRESS_SERVER,
        'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/models/user.ts': `import mongoose from 'mongoose';\nexport const UserModel = mongoose.model('User', new mongoose.Schema({ email: String }));\n`,
        'src/users.service.ts': `import { prisma } from './db.js';\nexport const listUsers = () => prisma.user.findMany({ take: 20 });\n`,
        'test/users.test.ts': `import { vi, it, expect } from 'vitest';\nimport { listUsers } from '../src/users.service.js';\nvi.mock('../src/db.js', () => ({ prisma: { user: { findMany: vi.fn(async () => []) } } }));\nit('lists', async () => expect(await listUsers()).toEqual([]));\n`,
        'test/models.test.ts': `import { vi, it } from 'vitest';\nimport { UserModel } from '../src/models/user.js';\nit('finds', async () => {\n  vi.spyOn(UserModel, 'findOne').mockResolvedValue(null);\n});\n`,
      },
    });
    expect(lines).toEqual(['test/models.test.ts:4:3 2 test files replace ORM internals instead of a port (2 doubles): test/models.test.ts:4 `UserModel.findOne` (src/models/user.ts); test/users.test.ts:3 the module `../src/db.js` (src/db.ts).']);
    expect(findings[0]!.severity).toBe('info');
  });

  it('fires on a NestJS unit test that provides a TypeORM repository with getRepositoryToken', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/typeorm': '^10.0.0', typeorm: '^0.3.20', '@nestjs/testing': '^11.0.0' },
      files: {
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`,
        'src/users/users.service.spec.ts': `import { Test } from '@nestjs/testing';\nimport { getRepositoryToken } from '@nestjs/typeorm';\nimport { UsersService } from './users.service';\nimport { User } from './user.entity';\nit('builds', async () => {\n  await Test.createTestingModule({ providers: [UsersService, { provide: getRepositoryToken(User), useValue: { find: jest.fn() } }] }).compile();\n});\n`,
      },
    });
    expect(lines).toEqual(['src/users/users.service.spec.ts:6:73 1 test file replaces ORM internals instead of a port (1 double): src/users/users.service.spec.ts:6 `getRepositoryToken(…)` (@nestjs/typeorm).']);
  });

  it('stays quiet on tests that fake a port, mock a repository adapter or spy on a service, and on libraries', async () => {
    const ports = await runRule(RULE, {
      dependencies: { ...FASTIFY, typeorm: '^0.3.20' },
      files: {
        'src/server.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/users', async () => []);\nawait app.listen({ port: 3000 });\n`,
        'src/users/user.repository.ts': `import { DataSource } from 'typeorm';\nexport class UserRepository {\n  constructor(private readonly db: DataSource) {}\n  find() {\n    return this.db.query('select 1');\n  }\n}\n`,
        'src/users/users.service.ts': `export class UsersService {\n  list() {\n    return [];\n  }\n}\n`,
        'test/users.test.ts': `import { vi, it } from 'vitest';\nimport { UsersService } from '../src/users/users.service.js';\nvi.mock('../src/users/user.repository.js');\nconst fakeUsers = { find: async () => [] };\nit('lists', () => {\n  vi.spyOn(UsersService.prototype, 'list').mockReturnValue([]);\n  void fakeUsers;\n});\n`,
      },
    });
    expect(ports.lines).toEqual([]);
    const library = await runRule(RULE, {
      dependencies: { typeorm: '^0.3.20' },
      files: {
        'src/index.ts': `export { paginate } from './paginate.js';\n`,
        'src/paginate.ts': `import type { Repository } from 'typeorm';\nexport const paginate = (repo: Repository<object>) => repo.find({ take: 10 });\n`,
        'test/paginate.test.ts': `import { vi } from 'vitest';\nvi.mock('typeorm');\n`,
      },
    });
    expect(library.lines).toEqual([]);
  });
});
