import { ConfigError, loadConfig, type Config } from './config/env.js';
import { withTimeout } from './shared/application/with-timeout.js';
import { startTracing } from './shared/infrastructure/observability/tracing.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No logger exists yet: the config decides its level. One line on stderr, then a non-zero exit.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const tracing = await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME });
// Imported after tracing starts so the instrumentations can patch the HTTP server, pg and ioredis as they load.
const { startApp } = await import('./bootstrap/app.js');
const app = await startApp(config, { traceIds: tracing.currentIds }).catch((error: unknown) => {
  // A dependency that is down at boot (database unreachable, port taken): one line, not a stack.
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
// One line that says what this instance really runs on: the first thing to read after a deploy.
app.container.logger.info({ url: app.url, nodeEnv: config.NODE_ENV, ...app.container.backends }, 'listening');

function stop(reason: string, preCloseMs: number, exitCode: number): void {
  // The orchestrator's deadline: the pre-close period, then SHUTDOWN_TIMEOUT_MS for everything else.
  const deadline = Date.now() + preCloseMs + config.SHUTDOWN_TIMEOUT_MS;
  app
    .shutdown(reason, { preCloseMs })
    // Spans are best effort: a collector that does not answer gets what is left of the deadline
    // (its exporter alone would wait 5 s).
    .then(() => withTimeout(tracing.shutdown(), Math.max(deadline - Date.now(), 0), 'flushing traces').catch(() => undefined))
    .catch((error: unknown) => {
      app.container.logger.error({ err: error }, 'shutdown failed');
      exitCode = 1;
    })
    // Every step above is bounded, and a step that ran out of time may leave a handle behind
    // (BullMQ's blocking connection reconnects forever while Redis refuses it): the process
    // exits here rather than lingering until the orchestrator's SIGKILL.
    .finally(() => process.exit(exitCode));
}

// An orchestrator sends SIGTERM and needs the pre-close period; Ctrl-C (SIGINT) does not.
process.once('SIGTERM', () => stop('SIGTERM', config.SHUTDOWN_PRECLOSE_MS, 0));
process.once('SIGINT', () => stop('SIGINT', 0, 0));
// After an error nothing caught, the process state is unknown: one log line (not a bare stack on
// stderr), the in-flight requests drained, and exit 1 so the orchestrator starts a fresh one.
process.on('unhandledRejection', (reason) => {
  app.container.logger.fatal({ err: reason }, 'unhandled promise rejection');
  stop('unhandledRejection', 0, 1);
});
process.on('uncaughtException', (error) => {
  app.container.logger.fatal({ err: error }, 'uncaught exception');
  stop('uncaughtException', 0, 1);
});
