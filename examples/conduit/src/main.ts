import { ConfigError, loadConfig } from './config/env.js';
import { describeBackends } from './bootstrap/backends.js';
import { createLogger } from './shared/infrastructure/observability/logger.js';
import { startTracing } from './shared/infrastructure/observability/tracing.js';
import { keepTickObjectShapeAlive } from './shared/infrastructure/system/tick-object-shape.js';

/** Start-up: config, tracing (before Fastify loads), the service, and the process-level policies. */
async function main(): Promise<void> {
  // Before anything allocates much: see tick-object-shape.ts.
  keepTickObjectShapeAlive();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const tracing = await startTracing(config.OTEL_EXPORTER_OTLP_ENDPOINT, config.OTEL_SERVICE_NAME);
  const logger = createLogger(config.LOG_LEVEL, { traceIds: tracing.currentIds });
  logger.info({ backends: describeBackends(config) }, 'conduit starting');
  const { createService } = await import('./bootstrap/service.js');
  const service = await createService(config, logger);

  const shutdown = async (reason: string, exitCode: number) => {
    // SHUTDOWN_TIMEOUT_MS covers everything, pending spans included: the orchestrator kills us after it.
    const deadline = Date.now() + config.SHUTDOWN_TIMEOUT_MS;
    logger.info({ reason }, 'shutting down');
    try {
      await service.stop();
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      exitCode = 1;
    }
    // Spans are best effort: a collector that is down or silent gets what is left of the deadline
    // (the exporter alone would wait 5 s), and failing to reach it is no failure of the service.
    const timeLeft = new Promise<false>((resolve) => setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())).unref());
    const flushed = await Promise.race([tracing.shutdown().then(() => true, () => false), timeLeft]);
    if (!flushed) logger.warn({}, 'pending spans not exported before the shutdown deadline');
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  // State after an unexpected failure is unknown: log it, drain what can be drained, and let the orchestrator restart us.
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    void shutdown('unhandledRejection', 1);
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });

  const address = await service.listen();
  logger.info({ address }, 'conduit listening');
}

await main();
