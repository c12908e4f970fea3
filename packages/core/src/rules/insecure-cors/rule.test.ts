import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'insecure-cors';

describe('insecure-cors', () => {
  it('fires on Express cors reflecting every origin with credentials (error) and on * with credentials (warn)', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, cors: '^2.8.5' },
      files: {
        'src/app.ts': `import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\nconst admin = express.Router();\nadmin.use(cors({ origin: '*', credentials: true }));\napp.use('/admin', admin);\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:4:9 `cors` allows credentials from whatever origin asks (`origin: true` reflects it): any website the user visits can call this API as the user and read the answers.',
      'src/app.ts:6:11 `cors` allows credentials from every origin (`*`): browsers refuse that combination, so credentialed calls fail, and the usual "fix" (reflecting the origin) opens the API to every website.',
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'warn']);
  });

  it('fires on @fastify/cors and NestJS enableCors reflecting origins with credentials', async () => {
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, '@fastify/cors': '^10.0.0' },
      files: { 'src/app.ts': `import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\napp.register(cors, { origin: true, credentials: true });\n` },
    });
    expect(fastify.lines).toEqual(['src/app.ts:4:1 `@fastify/cors` allows credentials from whatever origin asks (`origin: true` reflects it): any website the user visits can call this API as the user and read the answers.']);
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors({ origin: true, credentials: true });\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(nest.lines).toEqual(['src/main.ts:5:3 NestJS CORS allows credentials from whatever origin asks (`origin: true` reflects it): any website the user visits can call this API as the user and read the answers.']);
  });

  it('stays quiet on listed origins with credentials, any origin without credentials, and options it cannot read', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, cors: '^2.8.5' },
      files: {
        'src/app.ts': `import express from 'express';\nimport cors from 'cors';\nconst app = express();\nconst options = JSON.parse(process.env.CORS ?? '{}');\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));\napp.use('/public', cors());\napp.use('/open', cors({ origin: '*' }));\napp.use('/configured', cors(options));\napp.use('/checked', cors({ origin: (origin, done) => done(null, origin === 'https://app.example.com'), credentials: true }));\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
