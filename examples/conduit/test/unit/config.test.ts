import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

  it('refuses placeholder and low-entropy secrets, the value once shipped in .env.example included', () => {
    for (const weak of [
      'replace-with-at-least-32-random-characters',
      'a'.repeat(48),
      'abcabcabcabcabcabcabcabcabcabcabcabc',
      '0123456789012345678901234567890123',
      'my-super-secret-jwt-key-for-production-2026',
    ]) {
      expect(() => loadConfig({ JWT_SECRET: weak }), weak).toThrow(/^JWT_SECRET: /);
    }
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const shipped = /^JWT_SECRET=(.*)$/m.exec(example)?.[1] ?? '';
    // The example ships an empty value: it means "unset", never a usable secret.
    expect(loadConfig({ JWT_SECRET: shipped }).jwtSecretIsEphemeral).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: shipped, DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r' })).toThrow(
      'JWT_SECRET: required in production',
    );
    expect(loadConfig({ JWT_SECRET: randomBytes(32).toString('base64url') }).jwtSecretIsEphemeral).toBe(false);
    expect(loadConfig({ JWT_SECRET: randomBytes(32).toString('hex') }).jwtSecretIsEphemeral).toBe(false);
  });

  it('accepts a random key that happens to hold a short placeholder word, and refuses the word standing alone', () => {
    // Real generated keys: about one in 800 contains "xxx" somewhere, which once failed CI at random.
    for (const secret of ['Q3vXxX9kLm2Rt7pW4yZa8bN1cD6eF0gH5jK-uVsT_o', 'n8TodoQp4Lm2Rt7pW4yZa8bN1cD6eF0gH5jKuVsTwE', 'Zr9YouRk2Lm4Qt7pW1yXa8bN3cD6eF0gH5jKuVsTw']) {
      expect(loadConfig({ JWT_SECRET: secret }).jwtSecretIsEphemeral, secret).toBe(false);
    }
    for (const secret of ['your-key-goes-in-here-Lm2Rt7pW4yZa8bN1cD6', 'todo_Q3vK9kLm2Rt7pW4yZa8bN1cD6eF0gH5jKuVs', 'key-xxxxxxxx-Q3vK9kLm2Rt7pW4yZa8bN1cD6eF0g']) {
      expect(() => loadConfig({ JWT_SECRET: secret }), secret).toThrow(/^JWT_SECRET: looks like a placeholder/);
    }
  });

  it('refuses the embedded database and in-process stores in production unless explicitly allowed', () => {
    const secret = randomBytes(32).toString('base64url');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, REDIS_URL: 'redis://r' })).toThrow(/^DATABASE_URL: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, DATABASE_URL: 'postgres://db/x' })).toThrow(/^REDIS_URL: required in production/);
    const allowed = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, ALLOW_EMBEDDED_IN_PRODUCTION: 'true' });
    expect(allowed.DATABASE_URL).toBeUndefined();
    // Production keeps serving a while after readiness fails; development stops at once.
    expect(allowed.SHUTDOWN_PRE_CLOSE_MS).toBe(5000);
    expect(loadConfig({}).SHUTDOWN_PRE_CLOSE_MS).toBe(0);
    expect(() => loadConfig({ SHUTDOWN_PRE_CLOSE_MS: '10000', SHUTDOWN_TIMEOUT_MS: '10000' })).toThrow(/SHUTDOWN_PRE_CLOSE_MS/);
  });

  it('has no wildcard CORS origin by default', () => {
    expect(loadConfig({}).CORS_ORIGIN).toBe('');
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
