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
  // One histogram child per label set, looked up by a plain string: `observe(labels, value)` hashes
  // the labels object (sorting its keys) on every request. The set is small and bounded (methods x
  // route templates x statuses), never per URL.
  const byLabels = new Map<string, { observe(seconds: number): void }>();
  return {
    observeRequest: (labels, seconds) => {
      const key = `${labels.method} ${labels.status} ${labels.route}`;
      let child = byLabels.get(key);
      if (!child) {
        child = requestDuration.labels(labels);
        byLabels.set(key, child);
      }
      child.observe(seconds);
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
