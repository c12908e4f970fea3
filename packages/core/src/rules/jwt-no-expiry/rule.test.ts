import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'jwt-no-expiry';

describe('jwt-no-expiry', () => {
  it('fires on jsonwebtoken tokens with no expiresIn and no exp claim, directly and through a helper its callers give claims', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.0' },
      files: {
        'src/tokens.ts': `import jwt from 'jsonwebtoken';\nconst secret = process.env.JWT_SECRET as string;\nexport const access = (id: string) => jwt.sign({ sub: id }, secret);\nexport const withAlgorithm = (id: string) => jwt.sign({ sub: id }, secret, { algorithm: 'HS256' });\nexport function issue(claims: object) {\n  return jwt.sign(claims, secret);\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { issue } from './tokens';\nconst app = express();\napp.post('/tokens', (req, res) => res.json({ token: issue({ sub: req.body.user, scope: 'api' }) }));\n`,
      },
    });
    expect(lines).toEqual([
      'src/tokens.ts:3:39 `jwt.sign` signs a token that never expires (no `expiresIn` option and no `exp` claim): a leaked token stays valid forever, and logout or a password change cannot end it.',
      'src/tokens.ts:4:46 `jwt.sign` signs a token that never expires (no `expiresIn` option and no `exp` claim): a leaked token stays valid forever, and logout or a password change cannot end it.',
      'src/tokens.ts:6:10 `jwt.sign` signs a token that never expires (no `expiresIn` option and no `exp` claim): a leaked token stays valid forever, and logout or a password change cannot end it.',
    ]);
    expect(findings[0]!.severity).toBe('error');
  });

  it('fires on a NestJS JwtService whose module registration sets no lifetime, and stays quiet when JwtModule.register sets expiresIn', async () => {
    const service = `import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwt: JwtService) {}\n  login(userId: string) {\n    return { token: this.jwt.sign({ sub: userId }) };\n  }\n}\n`;
    const module = (options: string) => `import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\nimport { AuthService } from './auth.service';\n@Module({ imports: [JwtModule.register(${options})], providers: [AuthService] })\nexport class AuthModule {}\n`;
    const unset = await runRule(RULE, { dependencies: { ...NEST, '@nestjs/jwt': '^10.2.0' }, files: { 'src/auth.service.ts': service, 'src/auth.module.ts': module('{ secret: process.env.JWT_SECRET }') } });
    expect(unset.lines).toEqual(['src/auth.service.ts:7:21 `this.jwt.sign` signs a token that never expires (no `expiresIn` on the call or in `JwtModule.register` and no `exp` claim): a leaked token stays valid forever, and logout or a password change cannot end it.']);
    const set = await runRule(RULE, { dependencies: { ...NEST, '@nestjs/jwt': '^10.2.0' }, files: { 'src/auth.service.ts': service, 'src/auth.module.ts': module("{ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '15m' } }") } });
    expect(set.lines).toEqual([]);
  });

  it('fires on a jose SignJWT chain with no setExpirationTime in a Fastify route, and stays quiet on one with it', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, jose: '^5.9.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport { SignJWT } from 'jose';\nconst key = new TextEncoder().encode(process.env.JWT_SECRET);\nconst app = Fastify();\napp.post('/forever', async () => ({ token: await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).sign(key) }));\napp.post('/short', async () => ({ token: await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(key) }));\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:5:50 `SignJWT` signs a token that never expires (no `setExpirationTime` and no `exp` claim): a leaked token stays valid forever, and logout or a password change cannot end it.']);
  });

  it('stays quiet on expiresIn, an exp claim (in a variable too), options or claims it cannot read, and scripts', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.0' },
      files: {
        'src/tokens.ts': `import jwt from 'jsonwebtoken';\nconst secret = process.env.JWT_SECRET as string;\nconst OPTIONS = JSON.parse(process.env.JWT_OPTIONS ?? '{}');\nexport const a = (id: string) => jwt.sign({ sub: id }, secret, { expiresIn: '15m' });\nexport const b = (id: string) => jwt.sign({ sub: id, exp: Math.floor(Date.now() / 1000) + 900 }, secret);\nexport function c(id: string) {\n  const payload = { sub: id, iat: Date.now() / 1000, exp: Date.now() / 1000 + 900 };\n  return jwt.sign(payload, secret);\n}\nexport const d = (id: string) => jwt.sign({ sub: id }, secret, OPTIONS);\nexport const e = (claims: Record<string, unknown>) => jwt.sign({ ...claims }, secret);\n`,
        'scripts/admin-token.ts': `import jwt from 'jsonwebtoken';\nconsole.log(jwt.sign({ sub: 'admin' }, process.env.JWT_SECRET as string));\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
