import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface PrometheusMetrics {
  observeRequest(labels: { method: string; route: string; status: string }, seconds: number): void;
  render(): Promise<{ contentType: string; body: string }>;
}

/** One registry per app instance, so tests that build several apps never share or re-register metrics. */
export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    observeRequest: (labels, seconds) => requestDuration.observe(labels, seconds),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
