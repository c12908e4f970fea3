import type { RouteDefinition } from './http-types.js';

export type HealthCheck = () => Promise<void>;

export interface HealthOptions {
  checks: Record<string, HealthCheck>;
  isShuttingDown: () => boolean;
  timeoutMs?: number;
}

function withTimeout(check: HealthCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
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
        const names = Object.keys(options.checks);
        const results = await Promise.allSettled(names.map((name) => withTimeout(options.checks[name]!, timeoutMs)));
        const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!.status === 'fulfilled' ? 'ok' : 'failing']));
        const ready = results.every((result) => result.status === 'fulfilled');
        return { status: ready ? 200 : 503, body: { status: ready ? 'ok' : 'unavailable', checks } };
      },
    },
  ];
}
