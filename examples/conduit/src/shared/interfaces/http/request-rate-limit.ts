import { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export interface RequestRateLimitOptions {
  max: number;
  timeWindowMs: number;
  /** Counts per client; a store that answers synchronously keeps the hook off the promise path. */
  store: Pick<FastifyRateLimitStore, 'incr'>;
}

/** The plugin's default: one IPv6 /64 is one client, as a host there can pick any of its addresses. */
const IPV6_SUBNET = 64;

/**
 * The per-client limit on every route that has no limit of its own, as a callback hook.
 *
 * @fastify/rate-limit (which still guards the credential routes, below) runs an async hook that
 * awaits the store through a promise even when the store counts in memory and answers at once: on a
 * cached read that was a promise chain and a microtask per response, and the rest of the request
 * then ran from a later microtask. This counts through the same stores (local, or batched to Redis),
 * sends the same headers (`x-ratelimit-limit`, `-remaining`, `-reset`, and `retry-after` on a 429)
 * and continues in the same tick when the store answers synchronously. Routes that configure
 * `rateLimit` (false: health and metrics; an object: the credential routes' tighter limit, applied
 * by the plugin) are left alone. A store error lets the request through, as `skipOnError` did.
 */
export function registerRequestRateLimit(app: FastifyInstance, { max, timeWindowMs, store }: RequestRateLimitOptions): void {
  app.addHook('onRequest', (request, reply, done) => {
    if ((request.routeOptions.config as { rateLimit?: unknown } | undefined)?.rateLimit !== undefined) {
      done();
      return;
    }
    store.incr(
      normalizeIP(request.ip, IPV6_SUBNET),
      (error, result) => {
        if (error || !result) {
          done();
          return;
        }
        const resetSeconds = Math.ceil(result.ttl / 1000);
        reply.header('x-ratelimit-limit', max);
        reply.header('x-ratelimit-remaining', Math.max(0, max - result.current));
        reply.header('x-ratelimit-reset', resetSeconds);
        if (result.current <= max) {
          done();
          return;
        }
        reply.header('retry-after', resetSeconds);
        done(Object.assign(new Error(`rate limit exceeded, retry in ${resetSeconds} s`), { statusCode: 429 }));
      },
      timeWindowMs,
      max,
    );
  });
}
