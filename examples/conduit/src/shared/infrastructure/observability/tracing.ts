import { register } from 'node:module';

export interface Tracing {
  /** The active span's ids, for log correlation; undefined outside a span or with tracing off. */
  currentIds(): { trace_id: string; span_id: string } | undefined;
  shutdown(): Promise<void>;
}

const TRACING_OFF: Tracing = { currentIds: () => undefined, shutdown: async () => {} };

/**
 * Starts OpenTelemetry only when an OTLP endpoint is configured: with tracing off not one
 * OpenTelemetry module is loaded. When on, it must run before Fastify, pg and ioredis are imported:
 * the ESM loader hook and the instrumentations patch those modules as they load, so HTTP requests,
 * SQL statements and Redis commands each become spans.
 */
export async function startTracing(endpoint: string | undefined, serviceName: string): Promise<Tracing> {
  if (!endpoint) return TRACING_OFF;
  // The SDK reads OTEL_EXPORTER_OTLP_ENDPOINT too and would also push metrics and logs there: metrics
  // are served to Prometheus at /metrics and logs are Pino's lines, so only traces go to the collector.
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [{ trace, context }, { NodeSDK }, { OTLPTraceExporter }, { HttpInstrumentation }, { PgInstrumentation }, { IORedisInstrumentation }] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@opentelemetry/instrumentation-ioredis'),
    ]);
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces`, timeoutMillis: 5000 }),
    // Bound parameters may hold emails and password hashes: statements are traced, their values never.
    instrumentations: [new HttpInstrumentation(), new PgInstrumentation({ enhancedDatabaseReporting: false }), new IORedisInstrumentation()],
  });
  sdk.start();
  return {
    currentIds: () => {
      const span = trace.getSpan(context.active());
      if (!span) return undefined;
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
    shutdown: () => sdk.shutdown(),
  };
}
