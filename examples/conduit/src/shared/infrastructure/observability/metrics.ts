import { collectDefaultMetrics, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration-histogram.js';

export interface PrometheusMetrics {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  render(): Promise<{ contentType: string; body: string }>;
}

/** One registry per app instance, so tests that build several apps never share or re-register metrics. */
export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Observed on every response, so counted by our own histogram rather than prom-client's (see it).
  const requestDuration = new RequestDurationHistogram(
    'http_request_duration_seconds',
    'HTTP request latency by route template and status',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );
  return {
    observeRequest: (method, route, status, seconds) => requestDuration.observe(method, route, status, seconds),
    render: async () => {
      const defaults = await registry.metrics();
      return { contentType: registry.contentType, body: `${defaults.endsWith('\n') ? defaults : `${defaults}\n`}\n${requestDuration.render()}` };
    },
  };
}
