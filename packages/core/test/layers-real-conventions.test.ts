import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { AnalysisResult } from '../src/types.js';
import { makeRepo } from './helpers/temp-repo.js';

const EXPRESS = JSON.stringify({ name: 'app', dependencies: { express: '^4.19.2' } });
const NEST = JSON.stringify({ name: 'app', dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' } });

function layerFindings(result: AnalysisResult): string[] {
  return result.findings.filter((finding) => finding.ruleId === 'layer-direction' && finding.severity !== 'info').map((finding) => `${finding.file}:${finding.line} ${finding.message.split(':')[0]}`);
}

function layerOf(result: AnalysisResult, file: string): string | null {
  return result.graph.modules.find((node) => node.id === file)?.layer ?? null;
}

describe('layers on real conventions', () => {
  it('reads camelCase DDD folders as Clean Architecture and keeps the real violation: a domain module importing a use case', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': EXPRESS,
        'src/modules/forum/domain/post.ts': "import { EditPostErrors } from '../useCases/editPost/EditPostErrors';\nexport class Post {\n  edit(): void {\n    throw new EditPostErrors.PostSealed();\n  }\n}\n",
        'src/modules/forum/useCases/editPost/EditPostErrors.ts': 'export namespace EditPostErrors {\n  export class PostSealed extends Error {}\n}\n',
        'src/modules/forum/useCases/editPost/EditPost.ts': "import { IPostRepo } from '../../repos/postRepo';\nimport { Post } from '../../domain/post';\nexport class EditPost {\n  constructor(private readonly posts: IPostRepo) {}\n  run(post: Post): void {\n    post.edit();\n  }\n}\n",
        'src/modules/forum/useCases/editPost/EditPostController.ts': "import { BaseController } from '../../../../shared/infra/http/models/BaseController';\nimport { EditPost } from './EditPost';\nexport class EditPostController extends BaseController {\n  constructor(private readonly useCase: EditPost) {\n    super();\n  }\n}\n",
        // The slice's wiring: constructs and exports; the routes take the controller from it.
        'src/modules/forum/useCases/editPost/index.ts': "import { EditPost } from './EditPost';\nimport { EditPostController } from './EditPostController';\nimport { postRepo } from '../../repos';\nasync function debug() {\n  return postRepo;\n}\ndebug();\nconst editPost = new EditPost(postRepo);\nexport const editPostController = new EditPostController(editPost);\n",
        'src/modules/forum/repos/postRepo.ts': "import { Post } from '../domain/post';\nexport interface IPostRepo {\n  save(post: Post): Promise<void>;\n}\n",
        'src/modules/forum/repos/index.ts': "import { SequelizePostRepo } from './implementations/sequelizePostRepo';\nexport const postRepo = new SequelizePostRepo();\n",
        'src/modules/forum/repos/implementations/sequelizePostRepo.ts': "import { IPostRepo } from '../postRepo';\nimport { PostMap } from '../../mappers/postMap';\nexport class SequelizePostRepo implements IPostRepo {\n  async save(): Promise<void> {\n    PostMap.toPersistence();\n  }\n}\n",
        'src/modules/forum/mappers/postMap.ts': 'export const PostMap = { toPersistence: () => ({}) };\n',
        'src/modules/forum/infra/http/routes/post.ts': "import express from 'express';\nimport { editPostController } from '../../../useCases/editPost';\nexport const postRouter = express.Router();\npostRouter.put('/', (req, res) => editPostController.execute(req, res));\n",
        'src/shared/infra/http/models/BaseController.ts': 'export abstract class BaseController {\n  execute(_req: unknown, _res: unknown): void {}\n}\n',
      }),
    });
    expect(result.context.shape).toBe('clean');
    expect(layerFindings(result)).toEqual(['src/modules/forum/domain/post.ts:1 domain imports application']);
    expect(layerOf(result, 'src/modules/forum/useCases/editPost/EditPostController.ts')).toBe('interfaces');
    expect(layerOf(result, 'src/modules/forum/infra/http/routes/post.ts')).toBe('interfaces');
    expect(layerOf(result, 'src/modules/forum/useCases/editPost/index.ts')).toBeNull();
    expect(layerOf(result, 'src/modules/forum/mappers/postMap.ts')).toBeNull();
  });

  it('reads DDD base classes kept in a shared library as the domain, so a framework import there is found', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': NEST,
        'src/libs/ddd/aggregate-root.base.ts': "import { EventEmitter2 } from '@nestjs/event-emitter';\nimport { RequestContext } from '../application/request-context';\nexport abstract class AggregateRoot {\n  async publish(events: EventEmitter2): Promise<void> {\n    await events.emitAsync(RequestContext.id());\n  }\n}\n",
        'src/libs/ddd/value-object.base.ts': 'export abstract class ValueObject<T> {\n  constructor(protected readonly props: T) {}\n}\n',
        'src/libs/application/request-context.ts': 'export const RequestContext = { id: () => "request" };\n',
        'src/modules/user/domain/user.entity.ts': "import { AggregateRoot } from '../../../libs/ddd/aggregate-root.base';\nexport class User extends AggregateRoot {}\n",
        'src/modules/user/application/create-user.ts': "import { User } from '../domain/user.entity';\nexport const createUser = () => new User();\n",
      }),
    });
    expect(layerOf(result, 'src/libs/ddd/aggregate-root.base.ts')).toBe('domain');
    expect(result.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual([
      'domain-purity src/libs/ddd/aggregate-root.base.ts:1',
      'layer-direction src/libs/ddd/aggregate-root.base.ts:2',
    ]);
  });

  it('places a workspace package that only declares types in no layer: a contracts package shared by every side', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['apps/*', 'packages/*'] }),
        'apps/api/package.json': EXPRESS,
        'apps/api/src/domain/order.ts': "import type { OrderDto } from '@shop/contracts';\nexport class Order {\n  toDto(): OrderDto {\n    return { id: '1' };\n  }\n}\n",
        'packages/contracts/package.json': JSON.stringify({ name: '@shop/contracts', main: 'src/index.ts' }),
        'packages/contracts/src/index.ts': "export * from './dto/order';\nexport * from './entities/customer';\n",
        'packages/contracts/src/dto/order.ts': "import type { Customer } from '../entities/customer';\nexport interface OrderDto {\n  id: string;\n  customer?: Customer;\n}\n",
        'packages/contracts/src/entities/customer.ts': "import type { OrderDto } from '../dto/order';\nexport interface Customer {\n  orders: OrderDto[];\n}\n",
      }),
    });
    expect(layerOf(result, 'packages/contracts/src/entities/customer.ts')).toBeNull();
    expect(layerOf(result, 'apps/api/src/domain/order.ts')).toBe('domain');
    expect(layerFindings(result)).toEqual([]);
  });

  it('reads the web server under infrastructure/ as the delivery side that mounts the routes', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': JSON.stringify({ name: 'app', dependencies: { '@hapi/hapi': '^21.0.0' } }),
        'lib/domain/User.js': 'module.exports = class User {};\n',
        'lib/application/use_cases/GetUser.js': "const User = require('../../domain/User');\nmodule.exports = () => new User();\n",
        'lib/interfaces/routes/users.js': "const GetUser = require('../../application/use_cases/GetUser');\nmodule.exports = { path: '/users', handler: GetUser };\n",
        'lib/infrastructure/webserver/server.js': "const Hapi = require('@hapi/hapi');\nconst users = require('../../interfaces/routes/users');\nmodule.exports = Hapi.server().route(users);\n",
      }),
    });
    expect(layerOf(result, 'lib/infrastructure/webserver/server.js')).toBe('interfaces');
    expect(layerFindings(result)).toEqual([]);
  });

  it('lets a role suffix beat the folder in MVC, and does not call a lib/ of services and auth "shared"', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': EXPRESS,
        'src/routes/auth/token.utils.ts': "export const sign = (id: number): string => String(id);\n",
        'src/routes/auth/auth.service.ts': "import { sign } from './token.utils';\nimport { findUser } from '../../models/user.model';\nexport const login = (id: number) => sign(findUser(id));\n",
        'src/routes/auth/auth.controller.ts': "import { login } from './auth.service';\nexport const post = (req: { body: { id: number } }) => login(req.body.id);\n",
        'src/models/user.model.ts': 'export const findUser = (id: number): number => id;\n',
        'lib/insecurity.ts': "import { findUser } from '../src/models/user.model';\nimport { post } from '../src/routes/auth/auth.controller';\nexport const isAuthorized = (id: number) => findUser(id) > 0 && post;\n",
        'lib/startup/validateConfig.ts': "import { isAuthorized } from '../insecurity';\nexport const check = () => isAuthorized(1);\n",
      }),
    });
    expect(layerOf(result, 'src/routes/auth/token.utils.ts')).toBe('shared');
    expect(layerOf(result, 'lib/insecurity.ts')).toBeNull();
    expect(layerFindings(result)).toEqual([]);
  });

  it('places Nest interceptors, decorators and schemas in no layer: a logging decorator used by services is not the HTTP layer', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': NEST,
        'src/interceptors/performance-logging.interceptor.ts': "import { Injectable, NestInterceptor } from '@nestjs/common';\nexport function LogPerformance(): MethodDecorator {\n  return () => undefined;\n}\n@Injectable()\nexport class PerformanceLoggingInterceptor implements NestInterceptor {\n  intercept(_context: unknown, next: { handle(): unknown }) {\n    return next.handle();\n  }\n}\n",
        'src/rates/rates.service.ts': "import { Injectable } from '@nestjs/common';\nimport { LogPerformance } from '../interceptors/performance-logging.interceptor';\n@Injectable()\nexport class RatesService {\n  @LogPerformance()\n  current(): number {\n    return 1;\n  }\n}\n",
        'src/rates/rates.schema.ts': "import { RatesService } from './rates.service';\nexport const rateSchema = { service: RatesService };\n",
        // A health indicator inspects the controller it reports on: operational code, in no layer.
        'src/rates/services/rates-health-indicator.service.ts': "import { Injectable } from '@nestjs/common';\nimport { RatesController } from '../rates.controller';\n@Injectable()\nexport class RatesHealthIndicator {\n  constructor(private readonly controller: RatesController) {}\n}\n",
        'src/rates/rates.controller.ts': "import { Controller, Get } from '@nestjs/common';\nimport { RatesService } from './rates.service';\n@Controller('rates')\nexport class RatesController {\n  constructor(private readonly rates: RatesService) {}\n  @Get()\n  list(): number {\n    return this.rates.current();\n  }\n}\n",
      }),
    });
    expect(layerOf(result, 'src/interceptors/performance-logging.interceptor.ts')).toBeNull();
    expect(layerOf(result, 'src/rates/rates.schema.ts')).toBeNull();
    expect(layerOf(result, 'src/rates/services/rates-health-indicator.service.ts')).toBeNull();
    expect(layerOf(result, 'src/rates/rates.controller.ts')).toBe('interfaces');
    expect(layerFindings(result)).toEqual([]);
  });

  it('keeps migrations, seeds and scripts outside the layers, and judges a port left in an infrastructure folder as the contract it is', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': NEST,
        'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
        'src/users/domain/user.ts': "import { UserRecord } from '../infrastructure/persistence/user.record';\nexport class User {\n  constructor(readonly record: UserRecord) {}\n}\n",
        'src/users/infrastructure/persistence/user.record.ts': 'export interface UserRecord {\n  id: string;\n}\n',
        'src/users/infrastructure/persistence/user.repository.ts': "import { User } from '../../domain/user';\nexport abstract class UserRepository {\n  abstract findById(id: string): Promise<User | null>;\n}\n",
        'src/users/users.service.ts': "import { Injectable } from '@nestjs/common';\nimport { UserRepository } from './infrastructure/persistence/user.repository';\n@Injectable()\nexport class UsersService {\n  constructor(private readonly users: UserRepository) {}\n}\n",
        'migrations/1700000000-backfill.ts': "import { AppModule } from '../src/app.module';\nimport { UsersService } from '../src/users/users.service';\nexport const run = () => [AppModule, UsersService];\n",
        'scripts/seed.ts': "import { UsersService } from '../src/users/users.service';\nexport const seed = UsersService;\n",
      }),
    });
    expect(layerOf(result, 'migrations/1700000000-backfill.ts')).toBeNull();
    expect(layerOf(result, 'scripts/seed.ts')).toBeNull();
    // The domain must not name an infrastructure type, even one that only declares a shape.
    expect(layerFindings(result)).toEqual(['src/users/domain/user.ts:1 domain imports infrastructure']);
  });

  it('tells a large legacy app with no layering so, once, with the legacy profile\'s advice, instead of violations', async () => {
    const files: Record<string, string> = { 'package.json': EXPRESS, 'server.js': "const routes = require('./routes/api');\nmodule.exports = routes;\n" };
    files['routes/api.js'] = "const helpers = require('../lib/helpers0');\nconst user = require('../models/user');\nmodule.exports = { helpers, user };\n";
    files['models/user.js'] = "const helpers = require('../lib/helpers1');\nmodule.exports = helpers;\n";
    for (let index = 0; index < 110; index++) files[`lib/helpers${index}.js`] = `const next = require('./helpers${index + 1}');\nmodule.exports = { next };\n`;
    const result = await analyze({ cache: false, root: makeRepo(files) });
    const layer = result.findings.filter((finding) => finding.ruleId === 'layer-direction');
    expect(layer).toHaveLength(1);
    expect(layer[0]!.severity).toBe('info');
    expect(layer[0]!.message).toMatch(/^Unlayered: 9\d% of files \(1\d\d of 11\d\) sit in no recognisable layer/);
    expect(layer[0]!.message).toContain('--profile legacy');
    expect(result.layers.unclassifiedFolders[0]).toEqual({ folder: 'lib', files: 110 });

    // The same shape at twenty files is a small service: never told to grow layers.
    const small = Object.fromEntries(Object.entries(files).filter(([file]) => !/helpers([2-9]\d|1\d\d)\.js$/.test(file)));
    const smallResult = await analyze({ cache: false, root: makeRepo(small) });
    expect(smallResult.findings.filter((finding) => finding.ruleId === 'layer-direction')).toEqual([]);
  });

  it('holds a Nest controller to what it injects, not to the entity types it names for validation and OpenAPI, and keeps Nest roles out of an SDK package', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': JSON.stringify({ name: 'notify', private: true, workspaces: ['apps/*', 'libs/*', 'packages/*'] }),
        'apps/api/package.json': NEST,
        'apps/api/tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } }),
        'apps/api/src/inbox/inbox.controller.ts': "import { Controller, Get } from '@nestjs/common';\nimport { MessageEntity } from '@notify/dal';\nimport { Session } from './session.decorator';\n@Controller('inbox')\nexport class InboxController {\n  @Get()\n  list(@Session() session: MessageEntity): MessageEntity[] {\n    return [session];\n  }\n}\n",
        'apps/api/src/inbox/session.decorator.ts': 'export const Session = (): ParameterDecorator => () => undefined;\n',
        'apps/api/src/blueprint/blueprint.controller.ts': "import { Controller } from '@nestjs/common';\nimport { EnvironmentRepository } from '@notify/dal';\n@Controller('blueprints')\nexport class BlueprintController {\n  constructor(private readonly environments: EnvironmentRepository) {}\n}\n",
        'apps/api/src/bridge/bridge.controller.ts': "import { Controller } from '@nestjs/common';\nimport { NotifyClient } from '@notify/framework';\n@Controller('bridge')\nexport class BridgeController {\n  private readonly client = new NotifyClient();\n}\n",
        'libs/dal/package.json': JSON.stringify({ name: '@notify/dal', main: 'src/index.ts', dependencies: { mongoose: '^8.0.0' } }),
        'libs/dal/src/index.ts': "export * from './repositories/message.entity';\nexport * from './repositories/environment.repository';\n",
        'libs/dal/src/repositories/message.entity.ts': 'export class MessageEntity {\n  id = "";\n}\n',
        'libs/dal/src/repositories/environment.repository.ts': 'export class EnvironmentRepository {\n  find(): string[] {\n    return [];\n  }\n}\n',
        // An SDK with a Nest integration: Nest is only a peer dependency, so its file names are not Nest roles.
        'packages/framework/package.json': JSON.stringify({ name: '@notify/framework', main: 'src/index.ts', peerDependencies: { '@nestjs/common': '>=10' } }),
        'packages/framework/src/index.ts': "export * from './servers/nest.client';\nexport * from './servers/nest.controller';\n",
        'packages/framework/src/servers/nest.client.ts': 'export class NotifyClient {\n  handle(): void {}\n}\n',
        'packages/framework/src/servers/nest.controller.ts': "import { Controller } from '@nestjs/common';\nimport { NotifyClient } from './nest.client';\n@Controller()\nexport class NotifyController {\n  client = new NotifyClient();\n}\n",
      }),
    });
    expect(layerOf(result, 'packages/framework/src/servers/nest.client.ts')).toBeNull();
    expect(layerOf(result, 'libs/dal/src/repositories/environment.repository.ts')).toBe('infrastructure');
    expect(layerFindings(result)).toEqual(['apps/api/src/blueprint/blueprint.controller.ts:2 interfaces imports infrastructure']);
  });
});
