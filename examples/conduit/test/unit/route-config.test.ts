import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { readsRouteContext, routeConfigOf } from '../../src/shared/interfaces/http/route-config.js';

describe("a request's route config, read from Fastify's route context", () => {
  it('is the object routeOptions.config gives, on matched, configured and unmatched requests', async () => {
    const app = Fastify();
    const seen: { url: string; same: boolean; routeUrl: string | undefined; rateLimit: unknown }[] = [];
    app.addHook('onRequest', (request, _reply, done) => {
      const config = routeConfigOf(request);
      seen.push({ url: request.url, same: config === request.routeOptions.config, routeUrl: config?.url, rateLimit: config?.rateLimit });
      done();
    });
    app.get('/articles/:slug', () => 'article');
    app.get('/health', { config: { rateLimit: false } }, () => 'ok');
    try {
      for (const url of ['/missing', '/articles/a-1', '/health', '/articles/b-2']) await app.inject({ method: 'GET', url });
      expect(seen).toEqual([
        { url: '/missing', same: true, routeUrl: undefined, rateLimit: undefined },
        { url: '/articles/a-1', same: true, routeUrl: '/articles/:slug', rateLimit: undefined },
        { url: '/health', same: true, routeUrl: '/health', rateLimit: false },
        { url: '/articles/b-2', same: true, routeUrl: '/articles/:slug', rateLimit: undefined },
      ]);
      // If a Fastify upgrade moved the context, the config would still be right (through
      // routeOptions), but every request would pay for building routeOptions: this is where that shows.
      expect(readsRouteContext()).toBe(true);
    } finally {
      await app.close();
    }
  });
});
