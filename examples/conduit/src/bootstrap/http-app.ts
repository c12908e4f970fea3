import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import { registerArticleRoutes } from '../modules/articles/interfaces/http/routes.js';
import { registerProfileRoutes } from '../modules/profiles/interfaces/http/routes.js';
import { registerUserRoutes } from '../modules/users/interfaces/http/routes.js';
import { classifyDatabaseError } from '../shared/infrastructure/db/pg-errors.js';
import type { PinoLogger } from '../shared/infrastructure/observability/logger.js';
import { lazyRequestLoggerFactory } from '../shared/infrastructure/observability/lazy-request-logger.js';
import { createAuthenticationHooks } from '../shared/interfaces/http/authentication.js';
import { answerFrameworkError, registerErrorHandling } from '../shared/interfaces/http/error-handler.js';
import { registerHealthRoutes, type HealthChecks } from '../shared/interfaces/http/health-routes.js';
import '../shared/interfaces/http/http-types.js';
import { acceptEmptyJsonBodies } from '../shared/interfaces/http/json-body.js';
import { BatchedRedisRateLimitStore, batchedRedisRateLimitStore, RATE_LIMIT_PREFIX, RATE_LIMIT_SYNC_MS } from '../shared/infrastructure/cache/batched-rate-limit-store.js';
import { LocalRateLimitStore } from '../shared/infrastructure/cache/local-rate-limit-store.js';
import { requestRateLimitHook } from '../shared/interfaces/http/request-rate-limit.js';
import { setSecurityHeaders } from '../shared/interfaces/http/security-headers.js';
import { registerMetrics, type HttpMetricsSink } from '../shared/interfaces/http/metrics-routes.js';
import { acceptRequestId, REQUEST_ID_HEADER, requestIdMinter, setRequestIdHeader } from '../shared/interfaces/http/request-id.js';
import { answerClientError } from '../shared/interfaces/http/client-error.js';
import { destroyStalledConnections } from '../shared/interfaces/http/stalled-connections.js';
import type { Container } from './container.js';

export interface HttpAppOptions {
  config: Readonly<Config>;
  logger: PinoLogger;
  container: Container;
  redis: Redis | undefined;
  metrics: HttpMetricsSink | undefined;
  checks: HealthChecks;
  isShuttingDown: () => boolean;
}

/** A response whose unsent part a client has not taken for this long loses its connection. */
const STALLED_RESPONSE_MS = 30_000;

export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const { config, container } = options;
  const mintRequestId = requestIdMinter();
  const app = Fastify({
    // Typed as Fastify's logger interface so route modules stay independent of pino's generics.
    loggerInstance: options.logger as FastifyBaseLogger,
    // Each request's child logger (bound to its id) is built only when the request writes a line.
    childLoggerFactory: lazyRequestLoggerFactory,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Correlate with the caller's id when a proxy sends a well-formed one; otherwise mint one. An
    // unchecked header would let any client write arbitrary text into every log line of its request.
    requestIdHeader: false,
    genReqId: (request) => acceptRequestId(request.headers[REQUEST_ID_HEADER], mintRequestId),
    // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
    forceCloseConnections: 'idle',
    // No per-socket inactivity timer (Fastify's connectionTimeout): destroyStalledConnections below
    // bounds a response a client stopped taking, without a timer re-armed on every request.
    frameworkErrors: (error, request, reply) => {
      // Answered outside any route, so the onSend hook below does not run for these.
      if (options.isShuttingDown()) reply.header('connection', 'close');
      answerFrameworkError(error, request, reply);
    },
    requestTimeout: 30_000,
    clientErrorHandler: answerClientError,
  });
  const stopWatchingConnections = destroyStalledConnections(app.server, { timeoutMs: STALLED_RESPONSE_MS, checkEveryMs: 5_000 });
  app.addHook('onClose', (_instance, done) => {
    stopWatchingConnections();
    done();
  });
  app.decorateRequest('viewer', undefined);
  app.decorateRequest('accessToken', undefined);
  acceptEmptyJsonBodies(app);
  // While draining, tell keep-alive clients to hang up after their response: an idle keep-alive
  // socket would otherwise hold close() open until the shutdown deadline. In onSend, not onRequest,
  // so that a request already in flight when draining began gets it too. A callback hook, not an
  // async one: an async hook costs a promise and a microtask per response.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (options.isShuttingDown()) reply.header('connection', 'close');
    done(null, payload);
  });
  // Every routed response carries the security headers and the request id (set before the handler,
  // so errors keep them); every route without a limit of its own is counted per client, in the same
  // tick when the store counts in memory (see request-rate-limit.ts). Shared counters in Redis, so N
  // replicas do not grant N times the limit; added in batches, not with a round trip per request (see
  // the store for the accuracy this trades).
  const limitRequest = requestRateLimitHook({
    max: config.RATE_LIMIT_MAX,
    timeWindowMs: config.RATE_LIMIT_WINDOW_MS,
    store: options.redis ? new BatchedRedisRateLimitStore(options.redis, RATE_LIMIT_PREFIX, RATE_LIMIT_SYNC_MS) : new LocalRateLimitStore(),
    addressIsConnections: !config.TRUST_PROXY,
  });
  const setEveryResponseHeaders = (request: FastifyRequest, reply: FastifyReply) => {
    setSecurityHeaders(reply);
    setRequestIdHeader(reply, request.id);
  };
  // The API authenticates with a header token, never cookies, so no credentials mode. Origins are an
  // explicit list (unset: none); `*` only when configured so. Preflights must list every method the
  // API uses, or browsers block PUT and DELETE.
  const origins = config.CORS_ORIGIN.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  if (origins.length > 0) {
    // The headers before CORS, which answers preflights itself; the limit after it, so that
    // preflights are not counted.
    app.addHook('onRequest', (request, reply, done) => {
      setEveryResponseHeaders(request, reply);
      done();
    });
    await app.register(cors, {
      origin: origins.includes('*') ? '*' : origins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER],
      credentials: false,
    });
    app.addHook('onRequest', (request, reply, done) => limitRequest(request, reply, done));
  } else {
    // No origin allowed (the default): no CORS at all, as the plugin would answer every request and
    // preflight exactly as if it were absent (no CORS headers; a preflight is a 404), while its hook
    // cost every request about 2,000 instructions under callgrind (route options read twice, its
    // options object copied, a closure) to decide that. The headers and the limit are then one hook:
    // each separate hook is another step of Fastify's hook runner for every request.
    app.addHook('onRequest', (request, reply, done) => {
      setEveryResponseHeaders(request, reply);
      limitRequest(request, reply, done);
    });
  }
  // The credential routes' tighter limits (their `config.rateLimit`), with a Redis round trip per
  // hit when Redis is configured: they guard passwords, and are rarely hit.
  await app.register(rateLimit, {
    global: false,
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    ...(options.redis ? { store: batchedRedisRateLimitStore(options.redis) } : {}),
    // Redis down: serve unthrottled rather than fail (or hang) every request.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      message: `rate limit exceeded, retry in ${context.after}`,
    }),
  });

  registerErrorHandling(app, classifyDatabaseError);
  if (options.metrics) registerMetrics(app, options.metrics);
  registerHealthRoutes(app, options.checks, options.isShuttingDown);

  const auth = createAuthenticationHooks(container.authenticate);
  registerUserRoutes(app, {
    controller: container.controllers.users,
    auth,
    credentialRateLimit: { max: config.RATE_LIMIT_AUTH_MAX, timeWindow: config.RATE_LIMIT_WINDOW_MS },
  });
  registerProfileRoutes(app, container.controllers.profiles, auth);
  registerArticleRoutes(app, container.controllers.articles, container.controllers.comments, auth);
  return app;
}
