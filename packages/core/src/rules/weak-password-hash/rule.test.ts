import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'weak-password-hash';

describe('weak-password-hash', () => {
  it('fires on an md5 helper that an Express login route and a model setter give passwords, naming the caller', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/lib/security.ts': `import crypto from 'node:crypto';\nexport const hash = (data: string) => crypto.createHash('md5').update(data).digest('hex');\nexport const cacheKey = (url: string) => hash(url);\n`,
        'src/routes/login.ts': `import { Router } from 'express';\nimport * as security from '../lib/security';\nimport { findUser } from '../users';\nexport const login = Router();\nlogin.post('/login', async (req, res) => {\n  const user = await findUser(req.body.email);\n  res.json({ ok: user?.password === security.hash(req.body.password) });\n});\n`,
        'src/users.ts': `export async function findUser(email: string) {\n  return { email, password: '' };\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { login } from './routes/login';\nconst app = express();\napp.use('/auth', login);\n`,
      },
    });
    expect(lines).toEqual([
      'src/lib/security.ts:2:39 `crypto.createHash` hashes a password (`password`, given by `security.hash` in src/routes/login.ts:7) with md5, a fast digest: a leaked table is brute-forced at billions of guesses a second.',
    ]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual(['src/routes/login.ts:7 passes password to security.hash', 'src/lib/security.ts:2 hashes it with md5']);
  });

  it('fires on sha256 and sha1 of a DTO password in a NestJS service, chained or through a variable', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersService } from './users.service';\n@Module({ providers: [UsersService] })\nexport class AppModule {}\n`,
        'src/users.service.ts': `import { Injectable } from '@nestjs/common';\nimport { createHash } from 'crypto';\n@Injectable()\nexport class UsersService {\n  register(dto: { email: string; password: string }) {\n    return { email: dto.email, hash: createHash('sha256').update(dto.password).digest('hex') };\n  }\n  legacy({ newPassword }: { newPassword: string }) {\n    const digest = createHash('sha1');\n    digest.update(newPassword);\n    return digest.digest('base64');\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/users.service.ts:6:38 `createHash` hashes a password (`password`) with sha256, a fast digest: a leaked table is brute-forced at billions of guesses a second.',
      'src/users.service.ts:10:5 `digest.update` hashes a password (`newPassword`) with sha1, a fast digest: a leaked table is brute-forced at billions of guesses a second.',
    ]);
  });

  it('fires on the md5 and crypto-js packages in a Fastify route, and warns on a synchronous bcrypt call while serving it', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...FASTIFY, md5: '^2.3.0', 'crypto-js': '^4.2.0', bcryptjs: '^2.4.3' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport md5 from 'md5';\nimport CryptoJS from 'crypto-js';\nimport bcrypt from 'bcryptjs';\nconst app = Fastify();\napp.post('/signup', async (request) => {\n  const { password } = request.body as { password: string };\n  return { a: md5(password), b: CryptoJS.SHA256(password).toString() };\n});\napp.post('/login', async (request) => {\n  const body = request.body as { password: string; hash: string };\n  return { ok: bcrypt.compareSync(body.password, body.hash) };\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:8:15 `md5` hashes a password (`password`) with md5, a fast digest: a leaked table is brute-forced at billions of guesses a second.',
      'src/app.ts:8:33 `CryptoJS.SHA256` hashes a password (`password`) with CryptoJS.SHA256, a fast digest: a leaked table is brute-forced at billions of guesses a second.',
      'src/app.ts:12:16 `bcryptjs.compareSync` derives a key synchronously while serving POST /login: each call holds the event loop for the whole hash (~100 ms at cost 10), stalling every other request. [POST /login]',
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'error', 'warn']);
  });

  it('stays quiet on digests of API keys, tokens and e-mails, on a pre-hash before bcrypt, on async bcrypt and on HMACs', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, bcrypt: '^5.1.0' },
      files: {
        'src/keys.ts': `import { createHash, createHmac } from 'node:crypto';\nexport const hashApiKey = (apiKey: string) => createHash('sha256').update(apiKey).digest('hex');\nexport const tokenDigest = (resetPasswordToken: string) => createHash('sha256').update(resetPasswordToken).digest('hex');\nexport const gravatar = (email: string) => createHash('md5').update(email.trim().toLowerCase()).digest('hex');\nexport const peppered = (password: string) => createHmac('sha256', process.env.PEPPER ?? '').update(password).digest('hex');\n`,
        'src/passwords.ts': `import { createHash } from 'node:crypto';\nimport bcrypt from 'bcrypt';\nexport async function store(password: string) {\n  const prehash = createHash('sha256').update(password).digest('base64');\n  return bcrypt.hash(prehash, 12);\n}\n`,
        'src/app.ts': `import express from 'express';\nimport bcrypt from 'bcrypt';\nimport { hashApiKey, tokenDigest } from './keys';\nimport { store } from './passwords';\nconst app = express();\napp.post('/users', async (req, res) => {\n  res.json({ hash: await store(req.body.password), key: hashApiKey(req.body.apiKey), token: tokenDigest(req.body.token), ok: await bcrypt.compare(req.body.password, '') });\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet in seed scripts and tests, where a synchronous or fast hash serves no request', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, bcryptjs: '^2.4.3' },
      files: {
        'scripts/seed.ts': `import bcrypt from 'bcryptjs';\nimport { createHash } from 'node:crypto';\nexport const admin = { password: bcrypt.hashSync('admin-password', 10), legacy: createHash('md5').update(process.env.PASSWORD ?? '').digest('hex') };\nexport const old = (password: string) => createHash('md5').update(password).digest('hex');\n`,
        'test/users.test.ts': `import { createHash } from 'node:crypto';\nexport const fixture = (password: string) => createHash('sha1').update(password).digest('hex');\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
