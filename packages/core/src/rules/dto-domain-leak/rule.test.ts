import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'dto-domain-leak';
const TYPEORM = { '@nestjs/typeorm': '^11.0.0', typeorm: '^0.3.20' };

const userEntity = (passwordDecorators: string) =>
  `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\nimport { Exclude } from 'class-transformer';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn()\n  id!: number;\n  @Column()\n  email!: string;\n  ${passwordDecorators}\n  password!: string;\n}\n`;

const nestApp = (entity: string, service: string) => ({
  'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users/users.controller';\nimport { UsersService } from './users/users.service';\n@Module({ controllers: [UsersController], providers: [UsersService] })\nexport class AppModule {}\n`,
  'src/users/users.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';\nimport { UsersService } from './users.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Get(':id')\n  findOne(@Param('id') id: string) {\n    return this.users.findOne(Number(id));\n  }\n}\n`,
  'src/users/user.entity.ts': entity,
  'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { User } from './user.entity';\n@Injectable()\nexport class UsersService {\n  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}\n  ${service}\n}\n`,
});

describe('dto-domain-leak', () => {
  it('fires on a NestJS handler returning a TypeORM entity with a password column through its service', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...NEST, ...TYPEORM, 'class-transformer': '^0.5.1' },
      files: nestApp(userEntity('@Column()'), `async findOne(id: number) {\n    const user = await this.repo.findOne({ where: { id } });\n    return user;\n  }`),
    });
    expect(lines).toEqual(['src/users/users.controller.ts:7:10 GET /users/:id returns the `User` entity as read by typeorm findOne, unmapped: its `password` field goes to the client. [GET /users/:id]']);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/users/users.controller.ts:7 GET /users/:id is handled by UsersController.findOne',
      'src/users/users.controller.ts:7 returns the result',
      'src/users/users.service.ts:9 reads User with typeorm findOne',
      'src/users/user.entity.ts:4 User declares `password`',
    ]);
  });

  it('fires on an Express handler sending a Mongoose document wrapped in an object', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0' },
      files: {
        'src/models/user.ts': `import mongoose from 'mongoose';\nconst userSchema = new mongoose.Schema({ email: String, passwordHash: String, salt: String });\nexport const User = mongoose.model('User', userSchema);\n`,
        'src/app.ts': `import express from 'express';\nimport { User } from './models/user';\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  const user = await User.findById(req.params.id);\n  res.json({ user });\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:6:3 GET /users/:id sends the `User` entity as read by mongoose findById, unmapped: its `passwordHash`, `salt` fields go to the client. [GET /users/:id]']);
  });

  it('fires on a Fastify route returning every row of a repository taken from the data source', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, typeorm: '^0.3.20' },
      files: {
        'src/user.entity.ts': `import { Entity, Column } from 'typeorm';\n@Entity()\nexport class User {\n  @Column()\n  email!: string;\n  @Column()\n  apiKey!: string;\n}\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport { DataSource } from 'typeorm';\nimport { User } from './user.entity';\nconst dataSource = new DataSource({ type: 'postgres' });\nconst users = dataSource.getRepository(User);\nconst app = Fastify();\napp.get('/users', async () => {\n  const all = await users.find();\n  return all;\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:7:19 GET /users returns the `User` entity as read by typeorm find, unmapped: its `apiKey` field goes to the client. [GET /users]']);
  });

  it('stays quiet when the secret is excluded by @Exclude or select: false, projected away, or mapped to a DTO', async () => {
    for (const [decorators, service] of [
      ['@Exclude()\n  @Column()', 'findOne(id: number) {\n    return this.repo.findOne({ where: { id } });\n  }'],
      ["@Column({ select: false })", 'findOne(id: number) {\n    return this.repo.findOne({ where: { id } });\n  }'],
      ['@Column()', "findOne(id: number) {\n    return this.repo.findOne({ where: { id }, select: ['id', 'email'] });\n  }"],
      ['@Column()', 'async findOne(id: number) {\n    const user = await this.repo.findOne({ where: { id } });\n    return toUserResponse(user);\n  }\n}\nfunction toUserResponse(user: { id: number; email: string } | null) {\n  return user && { id: user.id, email: user.email };'],
    ]) {
      const { lines } = await runRule(RULE, { dependencies: { ...NEST, ...TYPEORM, 'class-transformer': '^0.5.1' }, files: nestApp(userEntity(decorators!), service!) });
      expect(lines).toEqual([]);
    }
  });

  it('stays quiet on a Mongoose schema that serialises itself, a projection, an entity without secrets and a model it cannot see', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0', '@prisma/client': '^6.0.0' },
      files: {
        'src/models/user.ts': `import mongoose from 'mongoose';\nimport { toJSON } from './plugins';\nconst userSchema = new mongoose.Schema({ email: String, password: { type: String, private: true } });\nuserSchema.plugin(toJSON);\nexport const User = mongoose.model('User', userSchema);\n`,
        'src/models/plugins.ts': `export function toJSON(schema: unknown) {\n  return schema;\n}\n`,
        'src/models/account.ts': `import mongoose from 'mongoose';\nconst accountSchema = new mongoose.Schema({ email: String, password: String });\nexport const Account = mongoose.model('Account', accountSchema);\n`,
        'src/models/tag.ts': `import mongoose from 'mongoose';\nconst tagSchema = new mongoose.Schema({ name: String, hashtag: String });\nexport const Tag = mongoose.model('Tag', tagSchema);\n`,
        'src/app.ts': `import express from 'express';\nimport { PrismaClient } from '@prisma/client';\nimport { User } from './models/user';\nimport { Account } from './models/account';\nimport { Tag } from './models/tag';\nconst prisma = new PrismaClient();\nconst app = express();\napp.get('/users/:id', async (req, res) => res.json(await User.findById(req.params.id)));\napp.get('/accounts/:id', async (req, res) => res.json(await Account.findById(req.params.id).select('-password')));\napp.get('/tags', async (req, res) => res.json(await Tag.find()));\napp.get('/members/:id', async (req, res) => res.json(await prisma.member.findUnique({ where: { id: req.params.id } })));\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
