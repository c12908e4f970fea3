import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { startTracing } from '../../src/shared/infrastructure/observability/tracing.js';

describe('startTracing', () => {
  it('stays off without an OTLP endpoint', async () => {
    const tracing = await startTracing({ serviceName: 'svc' });
    expect(tracing.currentIds()).toBeUndefined();
    expect(trace.getTracer('probe').startSpan('x').isRecording()).toBe(false);
    await tracing.shutdown();
  });

  it('exports spans to the configured OTLP endpoint', async () => {
    const received: string[] = [];
    const collector = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    const tracing = await startTracing({ endpoint: `http://127.0.0.1:${port}`, serviceName: 'svc' });
    try {
      const span = trace.getTracer('probe').startSpan('work');
      expect(span.isRecording()).toBe(true);
      // Inside the span, the ids the logger adds to each line are the span's own.
      const ids = context.with(trace.setSpan(context.active(), span), () => tracing.currentIds());
      expect(ids).toEqual({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
      span.end();
    } finally {
      // Shutdown flushes the batch: the collector has the span when it resolves.
      await tracing.shutdown();
      collector.close();
      // Test files share worker processes: leave no global tracer provider behind.
      trace.disable();
    }
    expect(received).toContain('POST /v1/traces');
  });
});
