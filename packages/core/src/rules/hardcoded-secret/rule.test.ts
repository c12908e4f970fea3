import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'hardcoded-secret';

/** A made-up PEM body: long enough to be a key, never a real one. */
const FAKE_PEM = `-----BEGIN RSA PRIVATE KEY-----\\n${'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB'.repeat(3)}\\n-----END RSA PRIVATE KEY-----`;

describe('hardcoded-secret', () => {
  it('fires on a JWT secret that falls back to a literal and a session secret in Express, each literal once, never printing the secret', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.0', 'express-session': '^1.18.0' },
      files: {
        'src/auth/token.ts': `import jwt from 'jsonwebtoken';\nexport const sign = (id: string) => jwt.sign({ id }, process.env.JWT_SECRET || 'superSecretValue', { expiresIn: '1h' });\nexport const verify = (token: string) => jwt.verify(token, process.env.JWT_SECRET || 'superSecretValue');\n`,
        'src/app.ts': `import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:4:9 The session secret given to `session` is the literal "ke…" (12 characters): anyone who reads the code can forge tokens and sessions.',
      'src/auth/token.ts:2:37 The JWT secret given to `jwt.sign` falls back to the literal "su…" (16 characters) when `JWT_SECRET` is unset (and 1 other use of the same literal): anyone who reads the code can forge tokens and sessions.',
    ]);
    expect(findings.every((finding) => !finding.message.includes('superSecretValue') && !finding.message.includes('keyboard cat'))).toBe(true);
  });

  it('fires on a PEM private key in a NestJS module and a constant given to JwtModule.register, and on a credentialed URL to a remote host', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/jwt': '^10.2.0' },
      files: {
        'src/keys.ts': `export const PRIVATE_KEY = \`${FAKE_PEM}\`;\nexport const JWT_SECRET = 'n0t-so-secret-after-all';\nexport const DATABASE_URL = 'postgres://app:Zr8q2LmX9vTa@db.internal.example.com:5432/app';\n`,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\nimport { JWT_SECRET } from './keys';\n@Module({ imports: [JwtModule.register({ secret: JWT_SECRET, signOptions: { expiresIn: '15m' } })] })\nexport class AppModule {}\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.module.ts:4:21 The JWT secret given to `JwtModule.register` is the literal "n0…" (23 characters): anyone who reads the code can forge tokens and sessions.',
      'src/keys.ts:1:28 A literal holds a private key (PEM): it ships with every copy of the code and cannot be rotated without a release.',
      'src/keys.ts:3:29 A literal holds a postgres connection URL with its password: it ships with every copy of the code and cannot be rotated without a release.',
    ]);
  });

  it('fires on a Fastify JWT plugin registered with a literal secret and on an AWS key in a config object (not on AWS\'s documented example key)', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, '@fastify/jwt': '^9.0.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport fastifyJwt from '@fastify/jwt';\nconst app = Fastify();\napp.register(fastifyJwt, { secret: 'a-secret-with-at-least-32-characters!!' });\nexport const s3 = { accessKeyId: 'AKIAZ7QX3J5RTLM2PQ4W', region: 'eu-west-1' };\nexport const documented = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:4:1 The JWT secret given to `app.register` is the literal "a-…" (38 characters): anyone who reads the code can forge tokens and sessions.',
      'src/app.ts:5:34 A literal holds an AWS access key id: it ships with every copy of the code and cannot be rotated without a release.',
    ]);
  });

  it('reads hostile literals in linear time and names a URL by a scheme of sane length', async () => {
    const { secretInLiteral } = await import('../../program/crypto/secrets.js');
    expect(secretInLiteral(`${'a'.repeat(200_000)}://user:Zr8q2LmX9vTa@db.example.com`)).toBeNull();
    expect(secretInLiteral(`x://${'a:'.repeat(100_000)}`)).toBeNull();
    expect(secretInLiteral(`postgres://${'u'.repeat(100_000)}:${'p'.repeat(100_000)}`)).toBeNull();
    expect(secretInLiteral('amqp://app:Zr8q2LmX9vTa@mq.example.com:5672')).toBe('an amqp connection URL with its password');
  });

  it('stays quiet on secrets read from the environment or a config service, templated and local development URLs, public keys, tests and scripts', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, jsonwebtoken: '^9.0.0' },
      files: {
        'src/config.ts': `const required = (name: string) => {\n  const value = process.env[name];\n  if (!value) throw new Error(name + ' is required');\n  return value;\n};\nexport const config = { jwtSecret: required('JWT_SECRET'), databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/dev', cache: 'redis://default:secret@redis:6379', templated: \`postgres://\${process.env.DB_USER}:\${process.env.DB_PASSWORD}@\${process.env.DB_HOST}/app\` };\nexport const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA';\n`,
        'src/token.ts': `import jwt from 'jsonwebtoken';\nimport { config } from './config';\nexport const sign = (id: string) => jwt.sign({ id }, config.jwtSecret, { expiresIn: '1h' });\n`,
        'test/token.test.ts': `import jwt from 'jsonwebtoken';\nexport const token = jwt.sign({ id: 1 }, 'test-secret');\n`,
        'scripts/make-token.ts': `import jwt from 'jsonwebtoken';\nconsole.log(jwt.sign({ id: 'admin' }, 'local-script-secret'));\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
