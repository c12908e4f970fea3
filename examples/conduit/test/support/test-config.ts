import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config/env.js';

/**
 * Test configuration: embedded defaults, or PostgreSQL/Redis when the CI runner (scripts/test-ci.mjs)
 * exports DATABASE_URL/REDIS_URL. Limits are raised so the rate limiter never makes a suite flaky;
 * its behaviour has its own test with tight limits.
 */
export function testConfig(overrides: Record<string, string> = {}): Readonly<Config> {
  const runPrefix = process.env.REDIS_KEY_PREFIX ?? 'conduit-test:';
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_AUTH_MAX: '100000',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    // Each service instance gets its own key space inside the run's prefix, which the runner deletes at the end.
    REDIS_KEY_PREFIX: `${runPrefix}${randomBytes(4).toString('hex')}:`,
    ...overrides,
  });
}

/** Unique names per test, so tests sharing one PostgreSQL database never collide. */
export function unique(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}
