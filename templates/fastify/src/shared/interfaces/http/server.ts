import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { principalFromHeader } from './authenticate.js';
import { mapError } from './error-mapper.js';
import type { HttpRequest, RouteDefinition } from './http-types.js';
import { rejectUnsafeInput } from './input-guard.js';
import { acceptRequestId, answerClientError, CORS_POLICY, logFailure, REQUEST_ID_HEADER, type HttpServer, type HttpServerOptions } from './server-options.js';

const ONE_MINUTE = 60_000;

/** The only Fastify-specific file: mounts the framework-neutral route tables with the cross-cutting concerns. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: options.logger,
    requestIdHeader: false,
    genReqId: (req) => acceptRequestId(req.headers[REQUEST_ID_HEADER], randomUUID),
    trustProxy: options.trustProxy,
    bodyLimit: 1_048_576,
    // Slow clients must not hold sockets forever.
    requestTimeout: 30_000,
    // On close, idle keep-alive sockets are dropped at once; busy ones finish their request first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Malformed URLs (`/users/%ZZ`) are answered in the one error format, not Fastify's own.
    frameworkErrors: (error, _request, reply) => {
      // The option's generic reply type is too narrow for a plain status; it is an ordinary reply.
      void (reply as unknown as FastifyReply).code(400).send({ error: { code: 'BAD_URL', message: error.message } });
    },
    // Requests the HTTP parser rejects (bad header bytes, oversized headers) get the same format.
    clientErrorHandler: answerClientError,
  });

  let closing = false;
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // While draining, end keep-alive sockets after their response so close() need not wait for them.
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request, reply) => {
    options.observe({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });

  await app.register(helmet);
  // No credentials mode and no wildcard: browsers send bearer tokens explicitly, never cookies.
  await app.register(cors, { origin: options.corsOrigins.length > 0 ? [...options.corsOrigins] : false, ...CORS_POLICY });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimit.max,
    timeWindow: ONE_MINUTE,
    nameSpace: `${options.rateLimit.keyPrefix}rate-limit:`,
    ...(options.rateLimit.redis ? { redis: options.rateLimit.redis } : {}),
    // If Redis is down, serve traffic unthrottled rather than fail every request.
    skipOnError: true,
  });

  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error);
    logFailure(request.log, mapped, error);
    return reply.code(mapped.status).send(mapped.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `No route for ${request.method} ${request.url}` } }),
  );

  for (const route of options.routes) mount(route);

  function mount(route: RouteDefinition): void {
    const limit =
      route.rateLimit === 'none' ? false : route.rateLimit === 'auth' ? { max: options.rateLimit.authMax, timeWindow: ONE_MINUTE } : undefined;
    app.route({
      method: route.method,
      url: route.path,
      ...(limit === undefined ? {} : { config: { rateLimit: limit } }),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const raw = { params: request.params as Record<string, string>, query: request.query, body: request.body };
        rejectUnsafeInput(raw);
        const input: HttpRequest = {
          ...raw,
          principal: route.public ? null : await principalFromHeader(request.headers.authorization, options.verifyToken),
        };
        const response = await route.handler(input);
        reply.code(response.status).headers(response.headers ?? {});
        return reply.send(response.body);
      },
    });
  }

  return {
    async listen(port, host) {
      return app.listen({ port, host });
    },
    close: () => {
      closing = true;
      return app.close();
    },
    destroyConnections: () => app.server.closeAllConnections(),
  };
}

