import type { FastifyInstance } from 'fastify';
import { routeConfigOf } from './route-config.js';

/** What the HTTP edge needs from a metrics backend; bootstrap hands in the prom-client one. */
export interface HttpMetricsSink {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  render(): Promise<{ contentType: string; body: string }>;
}

/** Records latency per route template (not per URL, which would explode label cardinality) and serves /metrics. */
export function registerMetrics(app: FastifyInstance, metrics: HttpMetricsSink): void {
  // A callback hook: an async one costs every response a promise for a synchronous observation.
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeConfigOf(request)?.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  // Scrapers poll on a schedule; a 429 here would leave holes in every dashboard.
  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).send(body);
  });
}
