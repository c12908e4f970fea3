import type { FastifyInstance } from 'fastify';

export type DependencyCheck = () => Promise<void>;

/**
 * Critical dependencies (the database) decide readiness; degradable ones (the cache, which the
 * service can serve without) are reported but never take the instance out of rotation.
 */
export type HealthChecks = Record<string, { check: DependencyCheck; critical: boolean }>;

/** A check that has not answered by then counts as failing: readiness must answer within a probe's timeout. */
const CHECK_TIMEOUT_MS = 1000;

// Probes come from orchestrators and scrapers at a steady rate: rate-limiting them would turn a
// healthy instance "unready" under load.
const UNLIMITED = { config: { rateLimit: false } } as const;

async function probe(check: DependencyCheck): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'failing'>((resolve) => {
    timer = setTimeout(() => resolve('failing'), CHECK_TIMEOUT_MS);
  });
  const outcome = check().then(
    () => 'ok' as const,
    () => 'failing' as const,
  );
  const result = await Promise.race([outcome, timeout]);
  clearTimeout(timer);
  return result;
}

/**
 * Liveness says the process can serve; readiness says its critical dependencies answer, so a load
 * balancer stops routing here during a database outage or while shutting down, without restarting us.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: HealthChecks, isShuttingDown: () => boolean): void {
  app.get('/health/live', UNLIMITED, async () => ({ status: 'ok' }));

  app.get('/health/ready', UNLIMITED, async (_request, reply) => {
    if (isShuttingDown()) return reply.status(503).send({ status: 'shutting-down' });
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, { check, critical }]) => {
        const state = await probe(check);
        return [name, state === 'ok' ? 'ok' : critical ? 'failing' : 'degraded'] as const;
      }),
    );
    const ready = results.every(([, state]) => state !== 'failing');
    const degraded = results.some(([, state]) => state === 'degraded');
    const status = ready ? (degraded ? 'degraded' : 'ok') : 'unavailable';
    return reply.status(ready ? 200 : 503).send({ status, checks: Object.fromEntries(results) });
  });
}
