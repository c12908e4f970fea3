import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit, type Logger as RateLimitLogger, type Store } from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { principalFromHeader } from './authenticate.js';
import { mapError } from './error-mapper.js';
import type { RouteDefinition } from './http-types.js';
import { rejectUnsafeInput } from './input-guard.js';
import { acceptRequestId, answerClientError, CORS_POLICY, logFailure, REQUEST_ID_HEADER, type HttpServer, type HttpServerOptions } from './server-options.js';

const ONE_MINUTE = 60_000;

/** The only Express-specific file: mounts the framework-neutral route tables with the cross-cutting concerns. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = express();
  const server = createServer(app);
  // Slow clients must not hold sockets forever.
  server.requestTimeout = 30_000;
  // Requests the HTTP parser rejects get the one error format, not Node's empty 400.
  server.on('clientError', answerClientError);
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  let closing = false;

  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = acceptRequestId(req.headers[REQUEST_ID_HEADER], randomUUID);
        res.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
    }),
  );
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      options.observe({
        method: req.method,
        // The matched template, never the raw URL: raw URLs explode metric cardinality.
        route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched',
        status: res.statusCode,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
      // A request that was in flight when draining began leaves an idle keep-alive socket behind.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    // While draining, end keep-alive sockets after their response so close() need not wait for them.
    if (closing) res.setHeader('connection', 'close');
    next();
  });
  app.use(helmet());
  // No credentials mode and no wildcard: browsers send bearer tokens explicitly, never cookies.
  app.use(cors({ origin: options.corsOrigins.length > 0 ? [...options.corsOrigins] : false, ...CORS_POLICY }));
  app.use(express.json({ limit: '1mb' }));

  const limiter = (name: string, limit: number): RequestHandler =>
    rateLimit({
      windowMs: ONE_MINUTE,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // If Redis is down, serve traffic unthrottled rather than fail every request.
      passOnStoreError: true,
      logger: rateLimitLogger(options.logger),
      ...(options.rateLimit.redis ? { store: redisStore(options, `${name}:`) } : {}),
      handler: (_req, _res, next) => next(Object.assign(new Error('Too many requests'), { statusCode: 429 })),
    });
  const limiters = { default: limiter('default', options.rateLimit.max), auth: limiter('auth', options.rateLimit.authMax) };

  for (const route of options.routes) mount(route);

  function mount(route: RouteDefinition): void {
    const handler: RequestHandler = async (req, res) => {
      const raw = { params: req.params as Record<string, string>, query: req.query, body: req.body };
      rejectUnsafeInput(raw);
      const response = await route.handler({
        ...raw,
        principal: route.public ? null : await principalFromHeader(req.headers.authorization, options.verifyToken),
      });
      res.status(response.status).set(response.headers ?? {});
      if (response.body === undefined) res.end();
      else if (typeof response.body === 'string') res.send(response.body);
      else res.json(response.body);
    };
    const rate = route.rateLimit ?? 'default';
    const chain = rate === 'none' ? [handler] : [limiters[rate], handler];
    app[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](route.path, ...chain);
  }

  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: { code: 'ROUTE_NOT_FOUND', message: `No route for ${req.method} ${req.path}` } });
  });
  // Express recognises an error handler by its four parameters.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const mapped = mapError(error);
    logFailure(req.log, mapped, error);
    res.status(mapped.status).json(mapped.body);
  });

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown}:${address.port}`);
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets are dropped at once; busy ones finish their request first.
        server.closeIdleConnections();
      }),
    destroyConnections: () => server.closeAllConnections(),
  };
}

/**
 * express-rate-limit writes to the console by default: a stack per request while Redis is down,
 * outside the JSON logs. Its store errors are that outage, which the Redis client already logs once
 * per outage, so they go to debug; its configuration checks stay warnings and errors in the log.
 */
function rateLimitLogger(logger: HttpServerOptions['logger']): RateLimitLogger {
  return {
    warn: (error, message) => logger.warn({ err: error }, message ?? 'rate limiter configuration'),
    error: (error, message) => {
      if (message?.includes('store')) logger.debug({ err: error }, message);
      else logger.error({ err: error }, message ?? 'rate limiter configuration');
    },
  };
}

function redisStore(options: HttpServerOptions, name: string): Store {
  const redis = options.rateLimit.redis!;
  return new RedisStore({
    prefix: `${options.rateLimit.keyPrefix}rate-limit:${name}`,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
}
