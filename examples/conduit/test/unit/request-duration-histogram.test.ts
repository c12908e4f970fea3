import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurationHistogram } from '../../src/shared/infrastructure/observability/request-duration-histogram.js';

const BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const NAME = 'http_request_duration_seconds';
const HELP = 'HTTP request latency by route template and status';

describe('the request-duration histogram', () => {
  it("writes what prom-client's histogram writes for the same observations", async () => {
    const registry = new Registry();
    const reference = new Histogram({ name: NAME, help: HELP, labelNames: ['method', 'route', 'status'], buckets: BOUNDS, registers: [registry] });
    const ours = new RequestDurationHistogram(NAME, HELP, BOUNDS);
    // Values on bounds, between them, above the highest; several series, a label that needs escaping.
    const observations: [string, string, number, number][] = [
      ['GET', '/api/articles', 200, 0.0004],
      ['GET', '/api/articles', 200, 0.001],
      ['GET', '/api/articles/:slug', 404, 0.0031],
      ['POST', '/api/articles', 201, 0.25],
      ['GET', '/api/articles', 200, 7.5],
      ['GET', 'unmatched', 404, 0.02],
      ['GET', 'a "quoted" \\ route\nwith a break', 200, 0.06],
      ['POST', '/api/articles', 422, 2.5],
    ];
    for (const [method, route, status, seconds] of observations) {
      reference.observe({ method, route, status: String(status) }, seconds);
      ours.observe(method, route, status, seconds);
    }
    const lines = (text: string) => text.split('\n').filter((line) => line.length > 0).sort();
    expect(lines(ours.render())).toEqual(lines(await registry.metrics()));
  });

  it('has the header lines only before the first observation', () => {
    expect(new RequestDurationHistogram(NAME, HELP, BOUNDS).render()).toBe(`# HELP ${NAME} ${HELP}\n# TYPE ${NAME} histogram\n`);
  });
});
