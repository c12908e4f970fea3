import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { ProjectContext } from '../src/types.js';
import { makeRepo } from './helpers/temp-repo.js';

const contextOf = async (files: Record<string, string>): Promise<ProjectContext> => (await analyze({ root: makeRepo(files), cache: false })).context;
const manifest = (dependencies: Record<string, string>) => JSON.stringify({ name: 'api', type: 'module', dependencies });
const client = { 'src/infrastructure/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL ?? '');\n" };

describe('context: Redis as a cache or as the primary store', () => {
  it('is a cache beside a SQL database', async () => {
    const context = await contextOf({ 'package.json': manifest({ ioredis: '^5', pg: '^8' }), ...client });
    expect(context.cache).toEqual([{ name: 'Redis (cache)', evidence: 'ioredis in package.json; the primary store is PostgreSQL' }]);
    expect(context.databases.map((item) => item.name)).toEqual(['PostgreSQL']);
  });

  it('is the primary store with no other database and records kept in it, found through the module that wraps the client', async () => {
    const context = await contextOf({
      'package.json': manifest({ ioredis: '^5' }),
      ...client,
      'src/infrastructure/order-store.ts': "import { redis } from './redis.js';\nexport const save = (id: string, order: Record<string, string>) => redis.hset(`order:${id}`, order);\n",
    });
    expect(context.databases).toEqual([{ name: 'Redis (primary store)', evidence: 'ioredis in package.json; no other database, records kept in it (src/infrastructure/order-store.ts)' }]);
    expect(context.cache).toEqual([]);
  });

  it('is a data store beside another database when it keeps records, even reached through a plugin with no import', async () => {
    const context = await contextOf({
      'package.json': manifest({ fastify: '^5', '@fastify/redis': '^7', mongodb: '^6' }),
      'src/follows/service.js': "export const follow = (app, me, other) => app.redis.zadd(`following:${me}`, Date.now(), other);\n",
      'src/follows/legacy.js': "export const call = (redisClient, method, args) => redisClient[method](...args);\nexport const unfollow = (redisClient, me, other) => call(redisClient, 'zrem', [me, other]);\n",
    });
    expect(context.databases).toEqual([
      { name: 'MongoDB', evidence: 'mongodb in package.json' },
      { name: 'Redis (data store)', evidence: '@fastify/redis in package.json; records kept in it beside MongoDB (src/follows/service.js)' },
    ]);
    expect(context.cache).toEqual([]);
  });

  it('is the primary store behind redis-om, an object mapper', async () => {
    const context = await contextOf({ 'package.json': manifest({ 'redis-om': '^0.4', redis: '^4' }), 'src/db.ts': "import { Repository } from 'redis-om';\nexport { Repository };\n" });
    expect(context.databases).toEqual([{ name: 'Redis (primary store)', evidence: 'redis-om in package.json (an object mapper for Redis)' }]);
  });

  it('is a cache with no other database when writes expire or a cache library fronts it', async () => {
    const expiring = await contextOf({
      'package.json': manifest({ redis: '^4' }),
      'src/cache/responses.ts': "import { createClient } from 'redis';\nconst client = createClient();\nexport const remember = (key: string, value: string) => client.set(key, value, { EX: 60 });\n",
    });
    expect(expiring.cache).toEqual([{ name: 'Redis (cache)', evidence: 'redis in package.json; expiring writes in src/cache/responses.ts' }]);
    expect(expiring.databases).toEqual([]);

    const library = await contextOf({ 'package.json': manifest({ ioredis: '^5', '@nestjs/cache-manager': '^3', 'cache-manager': '^6' }), ...client });
    expect(library.cache.map((item) => item.name)).toEqual(['Redis (cache)', 'cache-manager']);
    expect(library.cache[0]!.evidence).toBe('ioredis in package.json; used through cache-manager in package.json');

    const adapter = await contextOf({ 'package.json': manifest({ '@keyv/redis': '^5', '@nestjs/cache-manager': '^3', pg: '^8' }), 'src/main.ts': 'export const main = 1;\n' });
    expect(adapter.cache).toEqual([{ name: 'Redis (cache)', evidence: '@keyv/redis in package.json; used through @nestjs/cache-manager in package.json' }]);
  });
});
