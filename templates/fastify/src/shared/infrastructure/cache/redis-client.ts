import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../application/ports/logger.js';

export interface RedisClientOptions {
  /** Every command, queued while disconnected or not, fails after this long. */
  commandTimeoutMs: number;
  logger: Logger;
  /** BullMQ's blocking worker commands need unlimited retries per request. */
  blocking?: boolean;
}

/**
 * A Redis client that cannot hang its caller: each command is bounded by a timeout (offline-queued
 * ones too), reconnects back off up to 2 s, and connection errors are logged once per outage
 * instead of surfacing as unhandled 'error' events.
 */
export function createRedisClient(url: string, options: RedisClientOptions): Redis {
  const settings: RedisOptions = {
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    ...(options.blocking ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, commandTimeout: options.commandTimeoutMs }),
  };
  const client = new Redis(url, settings);
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) options.logger.warn({ err: error }, 'redis unreachable; degrading until it returns');
    down = true;
  });
  client.on('ready', () => {
    if (down) options.logger.info({}, 'redis reachable again');
    down = false;
  });
  return client;
}

/** quit() waits for Redis to answer; past the deadline the socket is simply dropped. */
export async function closeRedis(client: Redis, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([client.quit().catch(() => undefined), deadline]);
  clearTimeout(timer);
  client.disconnect();
}
