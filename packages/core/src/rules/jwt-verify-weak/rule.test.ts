import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'jwt-verify-weak';

const PUBLIC_KEY = `import { readFileSync } from 'node:fs';\nexport const publicKey = readFileSync('keys/jwt.pub', 'utf8');\n`;

describe('jwt-verify-weak', () => {
  it('fires once per ancient jsonwebtoken version (unsigned tokens pass), naming the other calls, and on express-jwt before 6 with a public key (Express)', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '0.4.0', 'express-jwt': '0.1.3' },
      files: {
        'src/keys.ts': PUBLIC_KEY,
        'src/auth.ts': `import jwt from 'jsonwebtoken';\nimport expressJwt from 'express-jwt';\nimport * as keys from './keys';\nexport const isAuthorized = () => expressJwt({ secret: keys.publicKey });\nexport function userOf(token: string) {\n  return jwt.verify(token, keys.publicKey);\n}\n`,
        'src/challenge.ts': `import jwt from 'jsonwebtoken';\nexport const forged = (token: string, key: string) => jwt.verify(token, key, () => undefined);\n`,
      },
    });
    expect(lines).toEqual([
      'src/auth.ts:4:35 express-jwt 0.1.3 takes no `algorithms` list (required from 6.0.0) and verifies with a public key: tokens signed HS256 with that key as the HMAC secret pass, and old versions accept unsigned ones.',
      'src/auth.ts:6:10 jsonwebtoken 0.4.0 accepts unsigned tokens (`alg: none`, fixed in 4.2.2) and `jwt.verify` pins no `algorithms`: anyone can write a token the server trusts (and 1 other call: src/challenge.ts:2).',
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'error']);
  });

  it('fires on jsonwebtoken 8 verifying with a public key and no algorithms (NestJS guard) and on `none` in the list (Fastify hook)', async () => {
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, jsonwebtoken: '^8.5.1' },
      files: {
        'src/auth/jwt.guard.ts': `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\nimport * as jwt from 'jsonwebtoken';\nconst PUBLIC_KEY = process.env.JWT_PUBLIC_KEY!;\n@Injectable()\nexport class JwtGuard implements CanActivate {\n  canActivate(context: ExecutionContext): boolean {\n    const request = context.switchToHttp().getRequest();\n    request.user = jwt.verify(request.headers.authorization.slice(7), PUBLIC_KEY);\n    return true;\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual([
      'src/auth/jwt.guard.ts:8:20 jsonwebtoken ^8.5.1 with a public key and no `algorithms` list accepts tokens signed HS256 with that public key as the HMAC secret (fixed in 9.0.0): anyone who has the public key can sign tokens.',
    ]);
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, jsonwebtoken: '^9.0.2' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport jwt from 'jsonwebtoken';\nconst app = Fastify();\nconst options = { algorithms: ['HS256', 'none'] };\napp.addHook('onRequest', async (request) => {\n  jwt.verify(String(request.headers.authorization), process.env.JWT_SECRET!, { algorithms: ['HS256', 'none'] });\n});\nexport { options };\n`,
      },
    });
    expect(fastify.lines).toEqual(['src/app.ts:6:3 `jwt.verify` lists `none` among the algorithms it accepts: a token with no signature passes.']);
  });

  it('fires when a decoded, unverified token becomes the request user (Express middleware, Fastify hook, NestJS guard)', async () => {
    const express = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.2' },
      files: {
        'src/auth.ts': `import jwt from 'jsonwebtoken';\nexport function authenticate(req, res, next) {\n  const claims = jwt.decode(String(req.headers.authorization).slice(7));\n  if (!claims) return res.sendStatus(401);\n  req.user = claims;\n  next();\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { authenticate } from './auth';\nconst app = express();\napp.get('/me', authenticate, (req, res) => res.json(req.user));\n`,
      },
    });
    expect(express.lines).toEqual(['src/auth.ts:3:18 `jwt.decode` reads the token without checking its signature, and its claims become `req.user`: anyone can write a token that makes them any user.']);
    const fastify = await runRule(RULE, {
      dependencies: { ...FASTIFY, 'jwt-decode': '^4.0.0' },
      files: { 'src/app.ts': `import Fastify from 'fastify';\nimport { jwtDecode } from 'jwt-decode';\nconst app = Fastify();\napp.addHook('onRequest', async (request) => {\n  request.user = jwtDecode(String(request.headers.authorization));\n});\napp.get('/me', async (request) => request.user);\n` },
    });
    expect(fastify.lines).toEqual([expect.stringMatching(/^src\/app\.ts:5:18 `jwtDecode` reads the token without checking its signature, and its claims become `request\.user`/)]);
    const nest = await runRule(RULE, {
      dependencies: { ...NEST, jose: '^6.0.0' },
      files: {
        'src/auth/token.guard.ts': `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\nimport { decodeJwt } from 'jose';\n@Injectable()\nexport class TokenGuard implements CanActivate {\n  canActivate(context: ExecutionContext): boolean {\n    const request = context.switchToHttp().getRequest();\n    return this.attach(request);\n  }\n  private attach(request: { headers: Record<string, string>; user?: unknown }): boolean {\n    request.user = decodeJwt(request.headers.authorization.slice(7));\n    return true;\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual([expect.stringMatching(/^src\/auth\/token\.guard\.ts:10:20 `decodeJwt` reads the token without checking its signature/)]);
  });

  it('stays quiet on a decode after a verify in the same function, and on decoded claims that are only read', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.2' },
      files: {
        'src/auth.ts': `import jwt from 'jsonwebtoken';\nexport function authenticate(req, res, next) {\n  const token = String(req.headers.authorization).slice(7);\n  jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });\n  req.user = jwt.decode(token);\n  next();\n}\nexport function expiresAt(token: string) {\n  const claims = jwt.decode(token) as { exp?: number } | null;\n  return claims?.exp ?? 0;\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { authenticate } from './auth';\nconst app = express();\napp.get('/me', authenticate, (req, res) => res.json(req.user));\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet with an algorithms list, on jsonwebtoken 9 and express-jwt 6+, on symmetric secrets, unknown versions and unreadable options', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^8.5.1', 'express-jwt': '^6.0.0' },
      files: {
        'src/keys.ts': PUBLIC_KEY,
        'src/auth.ts': `import jwt from 'jsonwebtoken';\nimport expressJwt from 'express-jwt';\nimport { publicKey } from './keys';\nconst options = JSON.parse(process.env.JWT_OPTIONS ?? '{}');\nexport const guard = expressJwt({ secret: publicKey, algorithms: ['RS256'] });\nexport const pinned = (token: string) => jwt.verify(token, publicKey, { algorithms: ['RS256'] });\nexport const symmetric = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\nexport const configured = (token: string) => jwt.verify(token, publicKey, options);\nexport const callback = (token: string) => jwt.verify(token, publicKey, { algorithms: ['RS256'] }, () => undefined);\n`,
      },
    });
    expect(lines).toEqual([]);
    const current = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.2' },
      files: { 'src/auth.ts': `import jwt from 'jsonwebtoken';\nimport { readFileSync } from 'node:fs';\nconst publicKey = readFileSync('keys/public.pem');\nexport const verify = (token: string) => jwt.verify(token, publicKey);\n` },
    });
    expect(current.lines).toEqual([]);
    const unknown = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: 'latest' },
      files: { 'src/auth.ts': `import jwt from 'jsonwebtoken';\nexport const verify = (token: string, publicKey: string) => jwt.verify(token, publicKey);\n` },
    });
    expect(unknown.lines).toEqual([]);
  });
});
