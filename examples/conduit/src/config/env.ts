import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { weakSecretReason } from './secret-strength.js';

const booleanFromString = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Every variable the service reads, validated once at start-up; nothing else reads process.env. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.url().optional(),
  /** Where PGlite keeps its files when DATABASE_URL is unset; in memory when unset too. */
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  /** Production refuses the embedded database and in-process cache unless this says it is deliberate. */
  ALLOW_EMBEDDED_IN_PRODUCTION: booleanFromString.default(false),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),

  REDIS_URL: z.url().optional(),
  REDIS_KEY_PREFIX: z.string().default('conduit:'),
  /** Every Redis command fails after this long: a cache that does not answer is treated as a miss. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(500),

  // An empty value (`JWT_SECRET=` as shipped in .env.example) means unset.
  JWT_SECRET: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(32, 'must be at least 32 characters').optional()),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** A just-rotated refresh token presented again this soon (two tabs, a retry) yields the same successor. */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),

  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_AUTH_MAX: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),

  /**
   * The in-process read cache (lists, feeds, articles, tags, viewers' sets): the longest an entry is
   * served after its load began. Writes invalidate at once (Redis pub/sub across replicas); this is
   * the bound on staleness when an invalidation is lost, and the README's promise (at most 1 s).
   */
  READ_CACHE_MAX_AGE_MS: z.coerce.number().int().min(0).max(1000).default(1000),
  READ_CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).max(1_000_000).default(20_000),

  /** Behind a load balancer, take the client address from X-Forwarded-For (rate limits, logs). */
  TRUST_PROXY: booleanFromString.default(false),
  /** Comma-separated origins allowed to call the API from a browser; unset, no cross-origin access. `*` must be explicit. */
  CORS_ORIGIN: z.string().default(''),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(262_144),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * After SIGTERM, readiness fails at once but the listener keeps serving this long, so load balancers
   * notice and stop routing here before connections are refused. Default 5 s in production, 0 elsewhere.
   */
  SHUTDOWN_PRE_CLOSE_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  /** How often the outbox relay retries events whose after-commit handlers failed (Redis down, crash). */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** JSON object of flag name to boolean, read by the OpenFeature in-memory provider. */
  FEATURE_FLAGS: z.string().default('{}'),
  METRICS_ENABLED: booleanFromString.default(true),

  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().default('conduit'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'JWT_SECRET' | 'FEATURE_FLAGS' | 'SHUTDOWN_PRE_CLOSE_MS'> {
  readonly SHUTDOWN_PRE_CLOSE_MS: number;
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
  const { JWT_SECRET, FEATURE_FLAGS, SHUTDOWN_PRE_CLOSE_MS, ...env } = parsed.data;
  const production = env.NODE_ENV === 'production';
  if (production && !JWT_SECRET) throw new ConfigError('JWT_SECRET: required in production');
  const weakness = JWT_SECRET === undefined ? undefined : weakSecretReason(JWT_SECRET);
  if (weakness) throw new ConfigError(`JWT_SECRET: ${weakness}`);
  if (production && !env.ALLOW_EMBEDDED_IN_PRODUCTION) {
    // One process with its own database or cache is a demo, not a deployment: data dies with the
    // container and replicas disagree. Refuse unless the operator says it is deliberate.
    if (!env.DATABASE_URL) throw new ConfigError('DATABASE_URL: required in production (or ALLOW_EMBEDDED_IN_PRODUCTION=true for the embedded database)');
    if (!env.REDIS_URL) throw new ConfigError('REDIS_URL: required in production (or ALLOW_EMBEDDED_IN_PRODUCTION=true for the in-process cache)');
  }
  const preCloseMs = SHUTDOWN_PRE_CLOSE_MS ?? (production ? 5000 : 0);
  if (preCloseMs >= env.SHUTDOWN_TIMEOUT_MS) throw new ConfigError('SHUTDOWN_PRE_CLOSE_MS: must be less than SHUTDOWN_TIMEOUT_MS');
  let featureFlags: Record<string, boolean>;
  try {
    featureFlags = parseFlags(FEATURE_FLAGS);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('FEATURE_FLAGS: not valid JSON');
  }
  return Object.freeze({
    ...env,
    SHUTDOWN_PRE_CLOSE_MS: preCloseMs,
    // Outside production a missing secret gets a random one, never a default baked into the code.
    jwtSecret: JWT_SECRET ?? randomBytes(32).toString('base64url'),
    jwtSecretIsEphemeral: !JWT_SECRET,
    featureFlags: Object.freeze(featureFlags),
  });
}
