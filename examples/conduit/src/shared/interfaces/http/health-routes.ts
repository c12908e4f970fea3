import type { FastifyInstance } from 'fastify';

export type DependencyCheck = () => Promise<void>;

/**
 * Liveness says the process can serve; readiness says its dependencies answer, so a load balancer
 * stops routing here during a database outage or while shutting down, without restarting us.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: Record<string, DependencyCheck>, isShuttingDown: () => boolean): void {
  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (_request, reply) => {
    if (isShuttingDown()) return reply.status(503).send({ status: 'shutting-down' });
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch {
          return [name, 'failing'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) });
  });
}
