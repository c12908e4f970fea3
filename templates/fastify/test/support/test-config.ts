import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config/env.js';

/**
 * The real config loader (so DATABASE_URL/REDIS_URL from the environment are honoured) with test
 * settings on top: silent logs, an ephemeral port, a cheap KDF, and a Redis key prefix per app so
 * runs sharing a Redis never collide.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: 0,
    MIGRATE_ON_START: false,
    SCRYPT_LOG_N: 10,
    RATE_LIMIT_MAX: 10_000,
    AUTH_RATE_LIMIT_MAX: 10_000,
    SHUTDOWN_TIMEOUT_MS: 2_000,
    REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ...overrides,
  };
}
