import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface TracingOptions {
  /** Tracing stays off (no SDK loaded, no overhead) unless an OTLP endpoint is configured. */
  endpoint?: string | undefined;
  serviceName: string;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

export function startTracing(options: TracingOptions): Tracing {
  if (!options.endpoint) return { shutdown: async () => {} };
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [new HttpInstrumentation()],
  });
  sdk.start();
  // Spans are best effort: a collector that is down at exit must not turn a clean shutdown into a failure.
  return { shutdown: () => sdk.shutdown().catch(() => undefined) };
}
