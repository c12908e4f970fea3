import { randomBytes } from 'node:crypto';
import { z } from 'zod';

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
    PGLITE_DATA_DIR: z.string().default('.data/pglite'),
    MIGRATE_ON_START: booleanFromString.default(true),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    REDIS_KEY_PREFIX: z.string().default(`${SERVICE_NAME}:`),
    JWT_SECRET: z.string().min(32).optional(),
    JWT_ISSUER: z.string().default(SERVICE_NAME),
    /** log2 of scrypt's cost N; 17 (128 MiB) is OWASP's baseline. Lower only for tests. */
    SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    ADMIN_EMAILS: commaList.default([]),
    CORS_ORIGINS: commaList.default([]),
    /** Set behind a reverse proxy so rate limits key on the client address, not the proxy's. */
    TRUST_PROXY: booleanFromString.default(false),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    INVOICE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
    FEATURE_FLAGS: flagList.default({}),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    OTEL_SERVICE_NAME: z.string().default(SERVICE_NAME),
  })
  .superRefine((env, ctx) => {
    // Tokens signed with a per-process random key would be rejected by every other instance.
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
  });

type Env = z.infer<typeof schema>;
export type Config = Readonly<Omit<Env, 'JWT_SECRET'> & { JWT_SECRET: string }>;

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
  return Object.freeze({ ...parsed.data, JWT_SECRET: jwtSecret });
}
