import type { Principal } from '../../application/principal.js';

/**
 * The framework-neutral shape of a request as controllers see it. The HTTP server adapter (the only
 * file that knows Fastify or Express) builds it, so controllers, schemas and route tables are the
 * same whichever framework serves them.
 */
export interface HttpRequest {
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  principal: Principal | null;
}

export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: HttpRequest) => Promise<HttpResponse>;

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `:param` segments, understood by both Fastify and Express. */
  path: string;
  handler: RouteHandler;
  /** `auth` applies the stricter limit of credential endpoints, which attract brute force. */
  rateLimit?: 'default' | 'auth' | 'none';
  /**
   * Public routes never read the Authorization header: a client that sends a stale access token on
   * every request must still be able to log in or refresh it.
   */
  public?: boolean;
}

export const ok = (body: unknown): HttpResponse => ({ status: 200, body });
export const created = (body: unknown): HttpResponse => ({ status: 201, body });
export const noContent = (): HttpResponse => ({ status: 204 });
