import { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { checkedHeaderValue, outgoingHeadersOf } from './reply-headers.js';
import { routeConfigOf } from './route-config.js';

export interface RequestRateLimitOptions {
  max: number;
  timeWindowMs: number;
  /** Counts per client; a store that answers synchronously keeps the hook off the promise path. */
  store: Pick<FastifyRateLimitStore, 'incr'>;
  /**
   * True when no proxy is trusted (Fastify's `trustProxy` off): a request's client address is then
   * its connection's peer, the same for every request on it, so the key remembered for a connection
   * is used without reading the address again. False or absent: each request's address is read and
   * compared (behind a proxy it can change from one request to the next on one connection).
   */
  addressIsConnections?: boolean;
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
export function registerRequestRateLimit(app: FastifyInstance, options: RequestRateLimitOptions): void {
  app.addHook('onRequest', requestRateLimitHook(options));
}

/**
 * The hook itself, for an app that runs it inside an onRequest hook of its own (each separate hook
 * costs a step of Fastify's hook runner per request; see buildHttpApp).
 */
export function requestRateLimitHook({ max, timeWindowMs, store, addressIsConnections = false }: RequestRateLimitOptions): (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void {
  const limitHeader = checkedHeaderValue('x-ratelimit-limit', String(max));
  /**
   * Per connection, the client address last seen on it and its key. The key is a function of the
   * address alone; normalising it (an IPv6 test by regular expression, a lower-cased copy that the
   * store then hashes) cost about 1,500 instructions per request under callgrind, for an address that
   * does not change on a keep-alive connection (behind a trusted proxy it may: then it is computed again).
   */
  const clientOf = new WeakMap<object, { ip: string; key: string }>();
  function clientKey(request: FastifyRequest): string {
    const connection = request.raw.socket as object | null | undefined;
    const known = connection ? clientOf.get(connection) : undefined;
    // Reading the address (Fastify's getter, then the socket's) cost about 700 instructions per request.
    if (known !== undefined && addressIsConnections) return known.key;
    const ip = request.ip;
    if (known !== undefined && known.ip === ip) return known.key;
    const key = normalizeIP(ip, IPV6_SUBNET);
    if (connection) clientOf.set(connection, { ip, key });
    return key;
  }
  return (request, reply, done) => {
    if (routeConfigOf(request)?.rateLimit !== undefined) {
      done();
      return;
    }
    store.incr(
      clientKey(request),
      (error, result) => {
        if (error || !result) {
          done();
          return;
        }
        const resetSeconds = Math.ceil(result.ttl / 1000);
        // Strings, so that Node does not convert the numbers twice (to validate, then to write).
        const remaining = String(Math.max(0, max - result.current));
        const reset = String(resetSeconds);
        const headers = outgoingHeadersOf(reply);
        if (headers !== undefined) {
          // Digits only: valid header values.
          headers['x-ratelimit-limit'] = ['x-ratelimit-limit', limitHeader];
          headers['x-ratelimit-remaining'] = ['x-ratelimit-remaining', remaining];
          headers['x-ratelimit-reset'] = ['x-ratelimit-reset', reset];
        } else {
          reply.header('x-ratelimit-limit', limitHeader);
          reply.header('x-ratelimit-remaining', remaining);
          reply.header('x-ratelimit-reset', reset);
        }
        if (result.current <= max) {
          done();
          return;
        }
        reply.header('retry-after', String(resetSeconds));
        done(Object.assign(new Error(`rate limit exceeded, retry in ${resetSeconds} s`), { statusCode: 429 }));
      },
      timeWindowMs,
      max,
    );
  };
}
