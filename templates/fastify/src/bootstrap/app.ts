import type { Config } from '../config/env.js';
import { healthRoutes } from '../shared/interfaces/http/health-routes.js';
import { metricsRoute } from '../shared/interfaces/http/metrics-route.js';
import { createHttpServer } from '../shared/interfaces/http/server.js';
import { createContainer, type Container, type ContainerOverrides } from './container.js';
import { drainHttpServer } from './shutdown.js';

export interface RunningApp {
  url: string;
  container: Container;
  /**
   * Idempotent: signals and tests may both call it. With `preCloseMs`, readiness fails first and the
   * listener keeps serving that long, so a load balancer stops routing before connections are refused.
   */
  shutdown(reason: string, options?: { preCloseMs?: number }): Promise<void>;
}

export async function startApp(config: Config, overrides: ContainerOverrides = {}): Promise<RunningApp> {
  const container = await createContainer(config, overrides);
  const { logger, metrics } = container;
  let shuttingDown = false;

  const server = await createHttpServer({
    logger,
    routes: [
      ...healthRoutes({ checks: container.healthChecks, degradable: container.degradableChecks, isShuttingDown: () => shuttingDown }),
      metricsRoute({ contentType: metrics.registry.contentType, render: () => metrics.registry.metrics() }),
      ...container.routes,
    ],
    verifyToken: container.verifyToken,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    rateLimit: {
      max: config.RATE_LIMIT_MAX,
      authMax: config.AUTH_RATE_LIMIT_MAX,
      redis: container.redis,
      keyPrefix: config.REDIS_KEY_PREFIX,
    },
    observe: ({ method, route, status, seconds }) =>
      metrics.httpDuration.observe({ method, route, status: String(status) }, seconds),
  });

  let url: string;
  try {
    url = await server.listen(config.PORT, config.HOST);
  } catch (error) {
    await container.dispose();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const shutdown: RunningApp['shutdown'] = (reason, options = {}) => {
    stopping ??= (async () => {
      const preCloseMs = options.preCloseMs ?? 0;
      logger.info({ reason, preCloseMs }, 'shutting down');
      // Readiness fails first, and requests are still served while load balancers notice it.
      shuttingDown = true;
      if (preCloseMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, preCloseMs));
      // SHUTDOWN_TIMEOUT_MS bounds the drain and the releases together: dependencies get what the
      // requests in flight left of it.
      const deadline = Date.now() + config.SHUTDOWN_TIMEOUT_MS;
      await drainHttpServer(server, config.SHUTDOWN_TIMEOUT_MS, logger);
      await container.dispose(Math.max(deadline - Date.now(), 0));
      logger.info('shutdown complete');
    })();
    return stopping;
  };

  return { url, container, shutdown };
}
