import type { FastifyRequest } from 'fastify';

/** A route's `config`, as Fastify keeps it: the route's own settings plus its url and method. */
export interface RouteConfig {
  url?: string;
  method?: string | string[];
  rateLimit?: unknown;
}

/** Fastify's symbol for a request's route context (lib/symbols.js), found and checked on the first request. */
const FASTIFY_ROUTE_CONTEXT = 'fastify.context';
let contextKey: symbol | null | undefined;

function findContextKey(request: FastifyRequest): symbol | null | undefined {
  const key = Object.getOwnPropertySymbols(request).find((symbol) => symbol.description === FASTIFY_ROUTE_CONTEXT);
  if (key === undefined) return null;
  const config = request.routeOptions.config;
  // Decided on a request that has a config (an unmatched one may not).
  if (config === undefined) return undefined;
  const context = (request as unknown as Record<symbol, { config?: unknown } | undefined>)[key];
  // What routeOptions.config returns is the context's own config object: the same, not a copy.
  return context?.config === config ? key : null;
}

/**
 * The request's route config, as `request.routeOptions.config` gives it (undefined when Fastify
 * answers before routing).
 *
 * Why not request.routeOptions: it is a getter that builds a new twelve-field object on every read
 * (and asks the server for its body limit and the router for its constraint strategies), about 600
 * instructions under callgrind, for the one field the per-client limit and the latency histogram
 * read on every request. Fastify keeps that field on the request's route context; when this
 * Fastify does not (the check above fails), routeOptions is read as before.
 */
export function routeConfigOf(request: FastifyRequest): RouteConfig | undefined {
  if (contextKey === undefined) contextKey = findContextKey(request);
  if (typeof contextKey !== 'symbol') return request.routeOptions.config as RouteConfig | undefined;
  return (request as unknown as Record<symbol, { config?: RouteConfig } | undefined>)[contextKey]?.config;
}

/** Whether the route context is read directly (for the test that fails if a Fastify upgrade loses it). */
export function readsRouteContext(): boolean {
  return typeof contextKey === 'symbol';
}
