import type { RouteInfo } from '@strata/core/api';

export interface ProbeRoute {
  method: string;
  path: string;
}

/** Each route is loaded for the whole `--duration`: a handful keeps a default run to a minute or two. */
export const MAX_DISCOVERED_ROUTES = 5;

/** Endpoints that say little about the service's own work under load: probes, metrics, docs. */
const OPERATIONAL = /^\/(health|healthz|livez|readyz|ready|live|liveness|readiness|metrics|status|ping|docs|documentation|swagger|api-docs|openapi)(\/|\.json$|$)/i;

/**
 * The routes `strata probe` loads when none are given: GET routes the review engine found whose
 * path needs no parameter (a request to `/users/:id` would only measure a 404), the service's own
 * endpoints before operational ones, at most five, in the order the engine lists them.
 */
export function probeRoutesFrom(routes: readonly RouteInfo[]): ProbeRoute[] {
  const candidates = [...new Set(routes.filter((route) => route.method.toUpperCase() === 'GET' && !/[:*{(]/.test(route.path)).map((route) => route.path))];
  const ordered = [...candidates.filter((path) => !OPERATIONAL.test(path)), ...candidates.filter((path) => OPERATIONAL.test(path))];
  return ordered.slice(0, MAX_DISCOVERED_ROUTES).map((path) => ({ method: 'GET', path }));
}
