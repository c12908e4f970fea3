import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { weakSecretReason } from './secret-strength.js';

export const SERVICE_NAME = 'strata-template-fastify';

const booleanFromString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** `name=true,other=false` → { name: true, other: false } */
const flagList = commaList.transform((items, ctx) => {
  const flags: Record<string, boolean> = {};
  for (const item of items) {
    const [name, value] = item.split('=');
    if (!name || (value !== 'true' && value !== 'false')) {
      ctx.addIssue({ code: 'custom', message: `expected name=true|false, got "${item}"` });
      return z.NEVER;
    }
    flags[name] = value === 'true';
  }
  return flags;
});

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * Bound on one query: PostgreSQL cancels it past this (statement_timeout), and the client gives
     * up a second later even if the server never answers (a network partition sends no reset).
     */
    DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    PGLITE_DATA_DIR: z.string().default('.data/pglite'),
    /**
     * Production refuses the embedded database and in-memory stores (one process, lost on restart,
     * not shared between instances) unless this says the single-instance trade-off is intended.
     */
    ALLOW_EMBEDDED_STORES: booleanFromString.default(false),
    MIGRATE_ON_START: booleanFromString.default(true),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    REDIS_KEY_PREFIX: z.string().default(`${SERVICE_NAME}:`),
    JWT_SECRET: z.string().min(32).optional(),
    JWT_ISSUER: z.string().default(SERVICE_NAME),
    /** log2 of scrypt's cost N; 17 (128 MiB) is OWASP's baseline. Lower only for tests. */
    SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    /** Browser origins allowed to call the API; none by default, and never `*` in production. */
    CORS_ORIGINS: commaList.default([]),
    /** Set behind a reverse proxy so rate limits key on the client address, not the proxy's. */
    TRUST_PROXY: booleanFromString.default(false),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * After SIGTERM, readiness answers 503 but the listener keeps serving this long, so load
     * balancers notice and stop routing before connections are refused. Match the probe period.
     */
    SHUTDOWN_PRECLOSE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
    /** Bound on each Redis command and enqueue: a Redis that stops answering must not hang requests. */
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(500),
    /** A second refresh with the same token within this window (two tabs, a retry) gets the same successor. */
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
    INVOICE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
    FEATURE_FLAGS: flagList.default({}),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    OTEL_SERVICE_NAME: z.string().default(SERVICE_NAME),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    // Tokens signed with a per-process random key would be rejected by every other instance.
    if (!env.JWT_SECRET) problem('JWT_SECRET', 'is required in production');
    else {
      const weak = weakSecretReason(env.JWT_SECRET);
      if (weak) problem('JWT_SECRET', `is ${weak}; use 32 random bytes, e.g. \`openssl rand -base64 32\``);
    }
    if (!env.ALLOW_EMBEDDED_STORES) {
      const allow = 'or set ALLOW_EMBEDDED_STORES=true for a deliberate single-instance deployment';
      if (!env.DATABASE_URL) problem('DATABASE_URL', `is required in production (the embedded PGlite is one process on local disk), ${allow}`);
      if (!env.REDIS_URL) problem('REDIS_URL', `is required in production (in-memory cache, queue and rate limits are per process and lost on restart), ${allow}`);
    }
    if (env.CORS_ORIGINS.includes('*')) problem('CORS_ORIGINS', 'must list origins; a wildcard is refused in production');
  });

type Env = z.infer<typeof schema>;
export type Config = Readonly<
  Omit<Env, 'JWT_SECRET'> & {
    JWT_SECRET: string;
    /** Named in the start-up line; never the secret itself. */
    JWT_SECRET_SOURCE: 'environment' | 'generated per process';
  }
>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates the environment once at start-up and fails naming every bad variable, so a
 * misconfigured deploy dies at boot rather than on the first request that needs the value.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings (e.g. `PORT=` in an .env file) mean "unset", not "invalid".
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const jwtSecret = parsed.data.JWT_SECRET ?? randomBytes(32).toString('base64url');
  const secretSource = parsed.data.JWT_SECRET ? 'environment' : 'generated per process';
  return Object.freeze({ ...parsed.data, JWT_SECRET: jwtSecret, JWT_SECRET_SOURCE: secretSource });
}
