import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'refresh-token-rotation';

describe('refresh-token-rotation', () => {
  it('fires on a long-lived jsonwebtoken access token with no refresh flow (Express), once for the longest', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.2' },
      files: {
        'src/token.ts': `import jwt from 'jsonwebtoken';\nexport const issue = (id: number) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: '60d' });\nexport const issueShort = (id: number) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: 172800 });\n`,
        'src/app.ts': `import express from 'express';\nimport { issue } from './token';\nconst app = express();\napp.post('/users/login', (req, res) => res.json({ token: issue(1) }));\n`,
      },
    });
    expect(lines).toEqual([
      "src/token.ts:2:38 `jwt.sign` gives tokens a lifetime of '60d' (60 days), like 1 other signing, and the application has no refresh flow: a leaked token works that long, and logout or a password change cannot end it.",
    ]);
  });

  it('fires on a NestJS JwtModule registered with a long lifetime and on a jsonwebtoken login token in Fastify', async () => {
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/jwt': '^11.0.0' },
      files: {
        'src/auth/auth.module.ts': `import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '180 days' } })] })\nexport class AuthModule {}\n`,
      },
    });
    expect(nest.lines).toEqual([expect.stringMatching(/^src\/auth\/auth\.module\.ts:3:21 `JwtModule\.register` gives tokens a lifetime of '180 days' \(180 days\)/)]);
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, jsonwebtoken: '^9.0.2' },
      files: { 'src/app.ts': `import Fastify from 'fastify';\nimport jwt from 'jsonwebtoken';\nconst app = Fastify();\napp.post('/login', async () => ({ token: jwt.sign({ sub: 'u1' }, process.env.JWT_SECRET!, { expiresIn: '7d' }) }));\n` },
    });
    expect(fastify.lines).toHaveLength(1);
  });

  it('stays quiet with a refresh flow, short lifetimes, one-purpose tokens and lifetimes from configuration', async () => {
    const refresh = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.2' },
      files: {
        'src/app.ts': `import express from 'express';\nimport jwt from 'jsonwebtoken';\nconst app = express();\nconst sign = (id: number) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: '30d' });\napp.post('/login', (req, res) => res.json({ token: sign(1) }));\napp.post('/auth/refresh', (req, res) => res.json({ token: sign(1) }));\n`,
      },
    });
    expect(refresh.lines).toEqual([]);
    const others = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.2' },
      files: {
        'src/tokens.ts': `import jwt from 'jsonwebtoken';\nconst config = { ttl: process.env.TOKEN_TTL ?? '1h' };\nexport const access = (id: number) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: '15m' });\nexport function verifyEmailToken(email: string) {\n  return jwt.sign({ email }, process.env.JWT_SECRET!, { expiresIn: '7d' });\n}\nexport const configured = (id: number) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: config.ttl });\nexport const day = (id: number) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: '24h' });\n`,
        'src/app.ts': `import express from 'express';\nimport { access } from './tokens';\nconst app = express();\napp.post('/login', (req, res) => res.json({ token: access(1) }));\n`,
      },
    });
    expect(others.lines).toEqual([]);
  });
});
