import type { RouteInfo } from '../../types.js';
import type { Route } from './route.js';

/** The HTTP model's routes as the result reports them (no internal references). */
export function routeInfos(routes: readonly Route[]): RouteInfo[] {
  return routes.map((route) => ({
    method: route.method,
    path: route.path,
    handler: route.handlerName,
    file: route.file,
    line: route.line,
    middleware: route.middleware,
    validation: route.validation,
    auth: route.auth,
  }));
}
