import type { RouteDefinition } from './http-types.js';

export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

/** Prometheus scrape endpoint. Expose it on an internal network only; it reveals traffic shape. */
export function metricsRoute(source: MetricsSource): RouteDefinition {
  return {
    method: 'GET',
    path: '/metrics',
    rateLimit: 'none',
    public: true,
    handler: async () => ({ status: 200, body: await source.render(), headers: { 'content-type': source.contentType } }),
  };
}
