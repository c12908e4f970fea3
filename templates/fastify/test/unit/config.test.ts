import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(32).toString('base64'),
  DATABASE_URL: 'postgres://app@db:5432/app',
  REDIS_URL: 'redis://cache:6379',
};

/** The template stores it as `_env.example`; a generated project as `.env.example`. */
function exampleEnvFile(): string {
  for (const name of ['.env.example', '_env.example']) {
    try {
      return readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
    } catch {
      // try the other name
    }
  }
  throw new Error('no .env.example');
}

describe('loadConfig', () => {
  it('runs with no environment at all on embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, MIGRATE_ON_START: true });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/app' })).toThrow(/PORT: .*; DATABASE_URL: /);
  });

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
  });

  it('starts in production with real backends and a random secret, and says where the secret came from', () => {
    expect(loadConfig(PRODUCTION).JWT_SECRET_SOURCE).toBe('environment');
    expect(loadConfig({}).JWT_SECRET_SOURCE).toBe('generated per process');
  });

  it('refuses in production the secret shipped in .env.example, placeholders and low-entropy values', () => {
    const shipped = /^#? ?JWT_SECRET=(.+)$/m.exec(exampleEnvFile())?.[1];
    expect(shipped).toBeDefined();
    for (const secret of [shipped!, 'a'.repeat(64), 'abababababababababababababababab', 'my-super-secret-jwt-key-for-production!!', 'Tr0ub4dor&3-short']) {
      expect(() => loadConfig({ ...PRODUCTION, JWT_SECRET: secret }), secret).toThrow(/JWT_SECRET: is (a placeholder|low in entropy|shorter)/);
    }
  });

  it('accepts a random key that happens to hold a short placeholder word, and refuses the word standing alone', () => {
    // Real generated keys: about one in 800 contains "xxx" somewhere, which once failed CI at random.
    for (const secret of ['Q3vXxX9kLm2Rt7pW4yZa8bN1cD6eF0gH5jK-uVsT_o', 'n8TodoQp4Lm2Rt7pW4yZa8bN1cD6eF0gH5jKuVsTwE', 'Zr9YouRk2Lm4Qt7pW1yXa8bN3cD6eF0gH5jKuVsTw']) {
      expect(loadConfig({ ...PRODUCTION, JWT_SECRET: secret }).JWT_SECRET, secret).toBe(secret);
    }
    for (const secret of ['your-key-goes-in-here-Lm2Rt7pW4yZa8bN1cD6', 'todo_Q3vK9kLm2Rt7pW4yZa8bN1cD6eF0gH5jKuVs', 'key-xxxxxxxx-Q3vK9kLm2Rt7pW4yZa8bN1cD6eF0g']) {
      expect(() => loadConfig({ ...PRODUCTION, JWT_SECRET: secret }), secret).toThrow(/JWT_SECRET: is a placeholder/);
    }
  });

  it('refuses the embedded database and in-memory stores in production unless explicitly allowed', () => {
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...embedded } = PRODUCTION;
    expect(() => loadConfig(embedded)).toThrow(/DATABASE_URL: is required in production.*REDIS_URL: is required in production/);
    expect(loadConfig({ ...embedded, ALLOW_EMBEDDED_STORES: 'true' }).DATABASE_URL).toBeUndefined();
    expect(() => loadConfig({ ...PRODUCTION, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS: must list origins/);
  });

  it('parses feature flags and lists', () => {
    const config = loadConfig({ FEATURE_FLAGS: 'identity.self-registration=false', CORS_ORIGINS: 'https://a.test, https://b.test' });
    expect(config.FEATURE_FLAGS).toEqual({ 'identity.self-registration': false });
    expect(config.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
    expect(() => loadConfig({ FEATURE_FLAGS: 'broken' })).toThrow(/FEATURE_FLAGS: expected name=true\|false/);
  });
});
