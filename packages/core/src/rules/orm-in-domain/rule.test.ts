import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'orm-in-domain';
const TYPEORM = { typeorm: '^0.3.20' };

/** The files of a small Clean Architecture service around one domain file. */
const cleanService = (domain: Record<string, string>) => ({
  ...domain,
  'src/application/use-cases/create-user.ts': `import { User } from '../../domain/user.js';\nimport type { UserRepository } from '../ports/user-repository.js';\nexport class CreateUser {\n  constructor(private readonly users: UserRepository) {}\n  run(email: string) {\n    return this.users.save(User.register(email));\n  }\n}\n`,
  'src/application/ports/user-repository.ts': `import type { User } from '../../domain/user.js';\nexport interface UserRepository {\n  save(user: User): Promise<void>;\n}\n`,
  'src/infrastructure/persistence/user.repository.ts': `import type { User } from '../../domain/user.js';\nimport type { UserRepository } from '../../application/ports/user-repository.js';\nexport class SqlUserRepository implements UserRepository {\n  async save(user: User) {}\n}\n`,
  'src/interfaces/http/server.ts': `import express from 'express';\nconst app = express();\napp.post('/users', (req, res) => res.sendStatus(201));\napp.listen(3000);\n`,
});

describe('orm-in-domain', () => {
  it('fires on a TypeORM entity in the domain layer of a Clean Architecture service', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...TYPEORM },
      files: cleanService({
        'src/domain/user.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() email!: string;\n  static register(email: string) {\n    const user = new User();\n    user.email = email;\n    return user;\n  }\n}\n`,
      }),
    });
    expect(lines).toEqual(['src/domain/user.ts:3:8 Domain class `User` is mapped by typeorm (@Entity()): the business entity is its table\'s shape, and the domain cannot run without the ORM.']);
    expect(findings[0]!.severity).toBe('warn');
  });

  it('fires on a Sequelize model class and on a MikroORM field mapping in the domain of a NestJS service', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, sequelize: '^6.37.0', '@mikro-orm/core': '^6.0.0' },
      files: {
        'src/orders/domain/order.ts': `import { Model } from 'sequelize';\nexport class Order extends Model {\n  declare total: number;\n}\n`,
        'src/orders/domain/line.ts': `import { Property } from '@mikro-orm/core';\nexport class Line {\n  @Property() quantity!: number;\n}\n`,
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';\nimport { Order } from './domain/order';\nimport { Line } from './domain/line';\n@Injectable()\nexport class OrdersService {\n  total(order: Order, lines: Line[]) {\n    return order.total + lines.length;\n  }\n}\n`,
        'src/orders/orders.controller.ts': `import { Controller, Get } from '@nestjs/common';\nimport { OrdersService } from './orders.service';\n@Controller('orders')\nexport class OrdersController {\n  constructor(private readonly orders: OrdersService) {}\n  @Get()\n  list() {\n    return [];\n  }\n}\n`,
        'src/orders/orders.module.ts': `import { Module } from '@nestjs/common';\nimport { OrdersController } from './orders.controller';\nimport { OrdersService } from './orders.service';\n@Module({ controllers: [OrdersController], providers: [OrdersService] })\nexport class OrdersModule {}\n`,
      },
    });
    expect(lines).toEqual([
      'src/orders/domain/line.ts:2:8 Domain class `Line` is mapped by @mikro-orm/core (@Property() on `quantity`): the business entity is its table\'s shape, and the domain cannot run without the ORM.',
      'src/orders/domain/order.ts:2:8 Domain class `Order` is mapped by sequelize (extends Model): the business entity is its table\'s shape, and the domain cannot run without the ORM.',
    ]);
  });

  it('stays quiet on a plain domain entity mapped in infrastructure, and on ORM models of an MVC or flat service', async () => {
    const clean = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...TYPEORM },
      files: cleanService({
        'src/domain/user.ts': `export class User {\n  private constructor(readonly email: string) {}\n  static register(email: string) {\n    return new User(email);\n  }\n}\n`,
        'src/infrastructure/persistence/user.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity('users')\nexport class UserRow {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() email!: string;\n}\n`,
      }),
    });
    expect(clean.lines).toEqual([]);
    const mvc = await runRule(RULE, {
      dependencies: { ...EXPRESS, ...TYPEORM },
      files: {
        'src/models/user.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() email!: string;\n}\n`,
        'src/controllers/users.controller.ts': `import type { Request, Response } from 'express';\nexport function list(req: Request, res: Response) {\n  res.json([]);\n}\n`,
        'src/services/users.service.ts': `import { User } from '../models/user.js';\nexport const blank = () => new User();\n`,
        'src/routes/users.ts': `import { Router } from 'express';\nimport { list } from '../controllers/users.controller.js';\nexport const users = Router().get('/users', list);\n`,
      },
    });
    expect(mvc.lines).toEqual([]);
    const flat = await runRule(RULE, {
      dependencies: { ...FASTIFY, ...TYPEORM },
      files: { 'src/entities/user.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n}\n`, 'src/server.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/users', async () => []);\n` },
    });
    expect(flat.lines).toEqual([]);
  });
});
