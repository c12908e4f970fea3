import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

describe('configuration', () => {
  it('fails fast naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(new ConfigError('JWT_SECRET: required in production'));
    expect(() => loadConfig({ FEATURE_FLAGS: '{"articles.read-cache":"yes"}' })).toThrow(/FEATURE_FLAGS/);
    expect(() => loadConfig({ FEATURE_FLAGS: '{not json' })).toThrow(/FEATURE_FLAGS: not valid JSON/);
  });

  it('defaults to the embedded database and an ephemeral secret outside production, frozen', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.jwtSecretIsEphemeral).toBe(true);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.RATE_LIMIT_AUTH_MAX).toBeLessThan(config.RATE_LIMIT_MAX);
    expect(Object.isFrozen(config)).toBe(true);
    expect(loadConfig({ FEATURE_FLAGS: '{"articles.read-cache":false}' }).featureFlags).toEqual({ 'articles.read-cache': false });
  });
});
