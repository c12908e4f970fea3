import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';

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

  it('parses feature flags and lists', () => {
    const config = loadConfig({ FEATURE_FLAGS: 'identity.self-registration=false', CORS_ORIGINS: 'https://a.test, https://b.test' });
    expect(config.FEATURE_FLAGS).toEqual({ 'identity.self-registration': false });
    expect(config.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
    expect(() => loadConfig({ FEATURE_FLAGS: 'broken' })).toThrow(/FEATURE_FLAGS: expected name=true\|false/);
  });
});
