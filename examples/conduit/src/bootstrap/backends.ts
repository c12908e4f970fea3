import type { Config } from '../config/env.js';

/**
 * The one start-up line an operator reads to know what this process runs on: which database,
 * cache, event delivery and tracing, and where the token-signing secret came from.
 */
export function describeBackends(config: Readonly<Config>): Record<string, string> {
  return {
    database: config.DATABASE_URL
      ? `postgres ${redactedHost(config.DATABASE_URL)}`
      : `pglite ${config.PGLITE_DATA_DIR ? `dir ${config.PGLITE_DATA_DIR}` : 'in memory (data is lost on exit)'}`,
    cache: config.REDIS_URL ? `redis ${redactedHost(config.REDIS_URL)} (outage: served from the database)` : 'in-process memory',
    rateLimit: config.REDIS_URL ? 'redis (shared by replicas)' : 'in-process memory',
    events: 'transactional outbox in the database, relayed in-process',
    tracing: config.OTEL_EXPORTER_OTLP_ENDPOINT ? `otlp ${config.OTEL_EXPORTER_OTLP_ENDPOINT}` : 'off',
    jwtSecret: config.jwtSecretIsEphemeral ? 'generated for this process (sessions end on restart)' : 'JWT_SECRET',
  };
}

/** Host and port only: connection strings carry passwords. */
function redactedHost(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
}
