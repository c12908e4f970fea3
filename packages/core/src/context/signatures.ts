/**
 * Which dependency means what. Names are package names as they appear in package.json;
 * a prefix ending in `*` matches a scope or family.
 */
export type ContextSlot =
  | 'frameworks'
  | 'orms'
  | 'databases'
  | 'loggers'
  | 'validation'
  | 'auth'
  | 'cache'
  | 'queues'
  | 'observability'
  | 'featureFlags'
  | 'testRunners';

export const SIGNATURES: Record<ContextSlot, Record<string, string>> = {
  frameworks: {
    express: 'Express',
    fastify: 'Fastify',
    '@nestjs/core': 'NestJS',
    koa: 'Koa',
    '@hapi/hapi': 'Hapi',
    hono: 'Hono',
    restify: 'Restify',
  },
  orms: {
    'drizzle-orm': 'Drizzle',
    '@prisma/client': 'Prisma',
    prisma: 'Prisma',
    typeorm: 'TypeORM',
    sequelize: 'Sequelize',
    mongoose: 'Mongoose',
    knex: 'Knex',
    'objection': 'Objection',
    '@mikro-orm/core': 'MikroORM',
    kysely: 'Kysely',
    '@nestjs/typeorm': 'TypeORM',
    '@nestjs/mongoose': 'Mongoose',
  },
  databases: {
    pg: 'PostgreSQL',
    postgres: 'PostgreSQL',
    '@electric-sql/pglite': 'PostgreSQL (PGlite)',
    mysql: 'MySQL',
    mysql2: 'MySQL',
    mariadb: 'MariaDB',
    sqlite3: 'SQLite',
    'better-sqlite3': 'SQLite',
    mongodb: 'MongoDB',
    mongoose: 'MongoDB',
    tedious: 'SQL Server',
    mssql: 'SQL Server',
  },
  loggers: { pino: 'Pino', 'pino-http': 'Pino', 'nestjs-pino': 'Pino', winston: 'Winston', bunyan: 'Bunyan', morgan: 'morgan (access log)' },
  validation: {
    zod: 'Zod',
    joi: 'Joi',
    'class-validator': 'class-validator',
    '@sinclair/typebox': 'TypeBox',
    valibot: 'Valibot',
    yup: 'Yup',
    ajv: 'Ajv',
    'express-validator': 'express-validator',
    celebrate: 'celebrate (Joi)',
  },
  auth: {
    jsonwebtoken: 'jsonwebtoken',
    jose: 'jose',
    passport: 'Passport',
    '@nestjs/jwt': 'Nest JWT',
    '@nestjs/passport': 'Nest Passport',
    '@fastify/jwt': 'fastify-jwt',
    'express-jwt': 'express-jwt',
    'express-session': 'express-session',
    bcrypt: 'bcrypt',
    bcryptjs: 'bcryptjs',
    argon2: 'argon2',
    'better-auth': 'Better Auth',
  },
  cache: { ioredis: 'Redis (ioredis)', redis: 'Redis', '@keyv/redis': 'Redis (keyv)', 'cache-manager': 'cache-manager', 'node-cache': 'in-process cache', 'lru-cache': 'in-process LRU', memcached: 'Memcached' },
  queues: { bullmq: 'BullMQ', bull: 'Bull', 'bee-queue': 'Bee-Queue', amqplib: 'RabbitMQ', kafkajs: 'Kafka', '@nestjs/bull': 'Bull (Nest)', '@nestjs/bullmq': 'BullMQ (Nest)', agenda: 'Agenda', 'pg-boss': 'pg-boss', '@aws-sdk/client-sqs': 'SQS', nats: 'NATS' },
  observability: {
    'prom-client': 'Prometheus metrics',
    'fastify-metrics': 'Prometheus metrics',
    'express-prom-bundle': 'Prometheus metrics',
    '@willsoto/nestjs-prometheus': 'Prometheus metrics',
    '@opentelemetry/api': 'OpenTelemetry',
    '@opentelemetry/sdk-node': 'OpenTelemetry',
    'dd-trace': 'Datadog APM',
    'newrelic': 'New Relic',
    '@sentry/node': 'Sentry',
    'elastic-apm-node': 'Elastic APM',
  },
  featureFlags: {
    '@openfeature/server-sdk': 'OpenFeature',
    'launchdarkly-node-server-sdk': 'LaunchDarkly',
    '@launchdarkly/node-server-sdk': 'LaunchDarkly',
    unleash: 'Unleash',
    'unleash-client': 'Unleash',
    flagsmith: 'Flagsmith',
    'flagsmith-nodejs': 'Flagsmith',
    '@growthbook/growthbook': 'GrowthBook',
  },
  testRunners: { vitest: 'Vitest', jest: 'Jest', mocha: 'Mocha', ava: 'AVA', tap: 'node-tap', '@japa/runner': 'Japa', supertest: 'supertest (HTTP)', '@playwright/test': 'Playwright' },
};
