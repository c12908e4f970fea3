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
  | 'testRunners'
  | 'realtime'
  | 'apiStyles';

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
    '@nestjs/typeorm': 'TypeORM',
    sequelize: 'Sequelize',
    'sequelize-typescript': 'Sequelize',
    '@nestjs/sequelize': 'Sequelize',
    mongoose: 'Mongoose',
    '@nestjs/mongoose': 'Mongoose',
    '@typegoose/typegoose': 'Mongoose',
    '@mikro-orm/*': 'MikroORM',
    objection: 'Objection',
    knex: 'Knex',
    kysely: 'Kysely',
    slonik: 'Slonik',
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
    // Drivers that name their database: Slonik and pg-promise speak only PostgreSQL, MikroORM has one package per database.
    slonik: 'PostgreSQL',
    'pg-promise': 'PostgreSQL',
    '@neondatabase/serverless': 'PostgreSQL',
    '@mikro-orm/postgresql': 'PostgreSQL',
    '@mikro-orm/mysql': 'MySQL',
    '@mikro-orm/mariadb': 'MariaDB',
    '@mikro-orm/sqlite': 'SQLite',
    '@mikro-orm/better-sqlite': 'SQLite',
    '@mikro-orm/mongodb': 'MongoDB',
    '@mikro-orm/mssql': 'SQL Server',
  },
  loggers: { pino: 'Pino', 'pino-http': 'Pino', 'nestjs-pino': 'Pino', winston: 'Winston', bunyan: 'Bunyan', morgan: 'morgan (access log)' },
  validation: {
    zod: 'Zod',
    joi: 'Joi',
    'class-validator': 'class-validator',
    '@sinclair/typebox': 'TypeBox',
    typebox: 'TypeBox',
    '@fastify/type-provider-typebox': 'TypeBox',
    'fluent-json-schema': 'JSON Schema (fluent-json-schema)',
    '@fastify/type-provider-json-schema-to-ts': 'JSON Schema (json-schema-to-ts)',
    'fastify-type-provider-zod': 'Zod',
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
    '@fastify/passport': 'Passport',
    // Strategies (passport-jwt, passport-local, …) are Passport even when the core package sits in another manifest.
    'passport-*': 'Passport',
    '@nestjs/jwt': 'Nest JWT',
    '@nestjs/passport': 'Nest Passport',
    '@fastify/jwt': 'fastify-jwt',
    'fastify-jwt': 'fastify-jwt',
    'express-jwt': 'express-jwt',
    'express-session': 'express-session',
    'cookie-session': 'cookie-session',
    '@fastify/session': '@fastify/session',
    '@fastify/secure-session': '@fastify/secure-session',
    '@fastify/auth': '@fastify/auth',
    'express-openid-connect': 'OpenID Connect (express-openid-connect)',
    bcrypt: 'bcrypt',
    bcryptjs: 'bcryptjs',
    argon2: 'argon2',
    'better-auth': 'Better Auth',
  },
  // Redis clients are placed by how they are used (cache or primary store): see redis.ts.
  cache: { 'cache-manager': 'cache-manager', 'node-cache': 'in-process cache', 'lru-cache': 'in-process LRU', memcached: 'Memcached' },
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
  testRunners: {
    vitest: 'Vitest',
    jest: 'Jest',
    mocha: 'Mocha',
    ava: 'AVA',
    tap: 'node-tap',
    '@japa/runner': 'Japa',
    jasmine: 'Jasmine',
    supertest: 'supertest (HTTP)',
    '@playwright/test': 'Playwright',
    playwright: 'Playwright',
    cypress: 'Cypress',
  },
  realtime: {
    'socket.io': 'Socket.IO',
    '@nestjs/platform-socket.io': 'Socket.IO',
    ws: 'WebSocket (ws)',
    '@nestjs/platform-ws': 'WebSocket (ws)',
    '@fastify/websocket': 'WebSocket (@fastify/websocket)',
    'express-ws': 'WebSocket (express-ws)',
    'uWebSockets.js': 'WebSocket (uWebSockets.js)',
  },
  apiStyles: {
    '@apollo/server': 'GraphQL (Apollo Server)',
    'apollo-server': 'GraphQL (Apollo Server)',
    'apollo-server-express': 'GraphQL (Apollo Server)',
    'apollo-server-fastify': 'GraphQL (Apollo Server)',
    mercurius: 'GraphQL (Mercurius)',
    '@nestjs/graphql': 'GraphQL (NestJS)',
    'graphql-yoga': 'GraphQL (Yoga)',
    'express-graphql': 'GraphQL (express-graphql)',
    'graphql-http': 'GraphQL (graphql-http)',
    '@trpc/server': 'tRPC',
    '@grpc/grpc-js': 'gRPC',
  },
};
