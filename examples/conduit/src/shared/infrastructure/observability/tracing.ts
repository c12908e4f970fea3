import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry only when an OTLP endpoint is configured: no collector, no overhead.
 * It must run before Fastify is loaded so the http module it patches is the one Fastify uses.
 */
export function startTracing(endpoint: string | undefined, serviceName: string): Tracing {
  if (!endpoint) return { shutdown: async () => {} };
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces`, timeoutMillis: 5000 }),
    instrumentations: [new HttpInstrumentation()],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
