import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const booleanFromString = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Every variable the service reads, validated once at start-up; nothing else reads process.env. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.url().optional(),
  /** Where PGlite keeps its files when DATABASE_URL is unset; in memory when unset too. */
  PGLITE_DATA_DIR: z.string().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),

  REDIS_URL: z.url().optional(),
  REDIS_KEY_PREFIX: z.string().default('conduit:'),

  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),

  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_AUTH_MAX: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),

  ARTICLE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(30),
  TAGS_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(300),

  /** Behind a load balancer, take the client address from X-Forwarded-For (rate limits, logs). */
  TRUST_PROXY: booleanFromString.default(false),
  CORS_ORIGIN: z.string().default('*'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(262_144),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** JSON object of flag name to boolean, read by the OpenFeature in-memory provider. */
  FEATURE_FLAGS: z.string().default('{}'),
  METRICS_ENABLED: booleanFromString.default(true),

  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().default('conduit'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'JWT_SECRET' | 'FEATURE_FLAGS'> {
  readonly jwtSecret: string;
  /** True when the secret was generated for this process: tokens die with it. */
  readonly jwtSecretIsEphemeral: boolean;
  readonly featureFlags: Readonly<Record<string, boolean>>;
}

export class ConfigError extends Error {}

function parseFlags(raw: string): Record<string, boolean> {
  const flags = z.record(z.string(), z.boolean()).safeParse(JSON.parse(raw));
  if (!flags.success) throw new ConfigError('FEATURE_FLAGS: must be a JSON object of booleans');
  return flags.data;
}

/** Validates the environment and fails fast with the name of each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const { JWT_SECRET, FEATURE_FLAGS, ...env } = parsed.data;
  if (env.NODE_ENV === 'production' && !JWT_SECRET) throw new ConfigError('JWT_SECRET: required in production');
  let featureFlags: Record<string, boolean>;
  try {
    featureFlags = parseFlags(FEATURE_FLAGS);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('FEATURE_FLAGS: not valid JSON');
  }
  return Object.freeze({
    ...env,
    // Outside production a missing secret gets a random one, never a default baked into the code.
    jwtSecret: JWT_SECRET ?? randomBytes(32).toString('base64url'),
    jwtSecretIsEphemeral: !JWT_SECRET,
    featureFlags: Object.freeze(featureFlags),
  });
}
