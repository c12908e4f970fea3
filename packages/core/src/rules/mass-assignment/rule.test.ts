import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'mass-assignment';

const MONGOOSE_USER = `import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({ name: String, email: String, role: { type: String, default: 'user' } });\nexport const User = mongoose.model('User', schema);\n`;

describe('mass-assignment', () => {
  it('fires on an Express body stored whole: directly, through a service, and spread into the data', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0' },
      files: {
        'src/models/user.ts': MONGOOSE_USER,
        'src/services/users.ts': `import { User } from '../models/user';\nexport async function register(input: Record<string, unknown>) {\n  return User.create(input);\n}\nexport async function rename(id: string, changes: Record<string, unknown>) {\n  return User.findByIdAndUpdate(id, { ...changes, updatedAt: new Date() });\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { User } from './models/user';\nimport { register, rename } from './services/users';\nconst app = express();\napp.use(express.json());\napp.post('/users', async (req, res) => res.status(201).json(await register(req.body)));\napp.patch('/users/:id', async (req, res) => res.json(await rename(req.params.id, req.body)));\napp.put('/profiles/:id', async (req, res) => res.json(await User.updateOne({ _id: req.params.id }, req.body)));\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:8:61 `User.updateOne` (mongoose updateOne) stores `req.body` whole while serving PUT /profiles/:id: every key the client adds (a role, an owner, a flag) is written too. [PUT /profiles/:id]',
      'src/services/users.ts:3:10 `User.create` (mongoose create) stores `req.body` whole while serving POST /users: every key the client adds (a role, an owner, a flag) is written too. [POST /users]',
      'src/services/users.ts:6:10 `User.findByIdAndUpdate` (mongoose findByIdAndUpdate) stores `...req.body` whole while serving PATCH /users/:id: every key the client adds (a role, an owner, a flag) is written too. [PATCH /users/:id]',
    ]);
    expect(findings[1]?.trace?.length).toBeGreaterThan(1);
  });

  it('fires on a Fastify body in Prisma data and on a NestJS @Body() DTO saved whole when the ValidationPipe keeps unknown keys', async () => {
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, '@prisma/client': '^6.0.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = Fastify();\napp.post('/accounts', async (request) => prisma.account.create({ data: request.body as never }));\n`,
      },
    });
    expect(fastify.lines).toEqual([
      'src/app.ts:5:42 `prisma.account.create` (prisma create) stores `request.body` whole while serving POST /accounts: every key the client adds (a role, an owner, a flag) is written too. [POST /accounts]',
    ]);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.0', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalPipes(new ValidationPipe({ transform: true }));\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
        'src/user.entity.ts': `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() name!: string;\n  @Column({ default: false }) isAdmin!: boolean;\n}\n`,
        'src/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { User } from './user.entity';\nclass CreateUserDto { name!: string; }\n@Controller('users')\nexport class UsersController {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.users.save(dto);\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual([
      'src/users.controller.ts:11:12 `this.users.save` (typeorm save) stores `dto` whole while serving POST /users: every key the client adds (a role, an owner, a flag) is written too. [POST /users]',
    ]);
  });

  it('stays quiet on validated routes, chosen fields, whitelisting Nest pipes and bodies that are only read', async () => {
    const express = await runRule(RULE, {
      dependencies: { ...EXPRESS, mongoose: '^8.0.0', celebrate: '^15.0.0' },
      files: {
        'src/models/user.ts': MONGOOSE_USER,
        'src/app.ts': `import express from 'express';\nimport { celebrate, Joi } from 'celebrate';\nimport { User } from './models/user';\nconst app = express();\napp.use(express.json());\nconst signup = celebrate({ body: Joi.object({ name: Joi.string(), email: Joi.string().email() }) });\napp.post('/users', signup, async (req, res) => res.json(await User.create(req.body)));\napp.post('/invites', async (req, res) => res.json(await User.create({ name: req.body.name, email: req.body.email })));\napp.post('/search', async (req, res) => res.json(await User.find({ email: req.body.email })));\napp.delete('/users', async (req, res) => res.json(await User.deleteMany(req.body)));\nconst { name } = { name: 'x' };\nexport { name };\n`,
      },
    });
    expect(express.lines).toEqual([]);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.0', '@nestjs/typeorm': '^11.0.0' },
      files: {
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
        'src/user.entity.ts': `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() name!: string;\n}\n`,
        'src/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { User } from './user.entity';\nclass CreateUserDto { name!: string; }\n@Controller('users')\nexport class UsersController {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  @Post()\n  create(@Body() dto: CreateUserDto, @Body('name') name: string) {\n    void name;\n    return this.users.save(dto);\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual([]);
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, '@prisma/client': '^6.0.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = Fastify();\nconst schema = { body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } } };\napp.post('/accounts', { schema }, async (request) => prisma.account.create({ data: request.body as never }));\napp.post('/notes', async (request) => prisma.note.create({ data: { text: String((request.body as { text: string }).text) } }));\n`,
      },
    });
    expect(fastify.lines).toEqual([]);
  });
});
