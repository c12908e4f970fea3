import { withTimeout } from '../../application/with-timeout.js';
import type { RouteDefinition } from './http-types.js';

export type HealthCheck = () => Promise<void>;

export interface HealthOptions {
  /** Dependencies the service cannot serve without: one failing makes the instance not ready. */
  checks: Record<string, HealthCheck>;
  /** Dependencies it degrades without (the cache): reported, never a reason to stop routing to it. */
  degradable?: Record<string, HealthCheck>;
  isShuttingDown: () => boolean;
  timeoutMs?: number;
}

/**
 * live: the process is up (restart it if not). ready: it can serve (stop routing to it if not):
 * dependencies answer and it is not draining for shutdown.
 */
export function healthRoutes(options: HealthOptions): RouteDefinition[] {
  const timeoutMs = options.timeoutMs ?? 1_000;
  return [
    { method: 'GET', path: '/health/live', rateLimit: 'none', public: true, handler: async () => ({ status: 200, body: { status: 'ok' } }) },
    {
      method: 'GET',
      path: '/health/ready',
      rateLimit: 'none',
      public: true,
      handler: async () => {
        if (options.isShuttingDown()) return { status: 503, body: { status: 'shutting-down' } };
        const run = (all: Record<string, HealthCheck>) =>
          Promise.all(Object.entries(all).map(async ([name, check]) => [name, await withTimeout(check(), timeoutMs, name).then(() => true, () => false)] as const));
        const [required, degradable] = await Promise.all([run(options.checks), run(options.degradable ?? {})]);
        const ready = required.every(([, ok]) => ok);
        const checks = Object.fromEntries([
          ...required.map(([name, ok]) => [name, ok ? 'ok' : 'failing']),
          ...degradable.map(([name, ok]) => [name, ok ? 'ok' : 'degraded']),
        ]);
        return { status: ready ? 200 : 503, body: { status: ready ? 'ok' : 'unavailable', checks } };
      },
    },
  ];
}
