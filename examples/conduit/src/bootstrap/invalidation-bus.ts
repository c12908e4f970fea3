import { once } from 'node:events';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import type { InvalidationBus } from '../shared/application/ports/invalidation-bus.js';
import type { Logger } from '../shared/application/ports/logger.js';
import { LocalInvalidationBus, RedisInvalidationBus } from '../shared/infrastructure/cache/redis-invalidation-bus.js';

export interface InvalidationBusHandle {
  bus: InvalidationBus;
  close(): void;
}

/**
 * With Redis, replicas tell each other what a write made stale over one pub/sub channel under the
 * key prefix (replicas sharing a prefix share a data set). Start-up waits briefly for the
 * subscription, so a replica that takes traffic normally hears every invalidation from then on.
 */
export async function openInvalidationBus(
  config: Pick<Config, 'REDIS_KEY_PREFIX'>,
  redis: Redis | undefined,
  logger: Logger,
): Promise<InvalidationBusHandle> {
  if (!redis) return { bus: new LocalInvalidationBus(), close: () => {} };
  const subscriber = redis.duplicate();
  // The main client already reports Redis outages; without a listener each would also crash here.
  subscriber.on('error', () => {});
  const bus = new RedisInvalidationBus(redis, subscriber, `${config.REDIS_KEY_PREFIX}read-cache:invalidations`, logger);
  await Promise.race([once(subscriber, 'ready').catch(() => undefined), delay(2000)]);
  await bus.start();
  return { bus, close: () => subscriber.disconnect() };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
