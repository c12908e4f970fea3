import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateRunDatabase } from '../faults/support/resources.js';
import { ServiceProcess } from '../faults/support/service-process.js';
import { servicesConfigured } from '../support/services.js';
import { unique } from '../support/test-config.js';

const SENTINEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../faults/support/module-sentinel.mjs');

interface CollectedSpan {
  traceId: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP (JSON) collector of the test's own: spans land here as the exporter sends them. */
async function startCollector(): Promise<{ server: Server; url: string; spans: CollectedSpan[]; unreadable: string[] }> {
  const spans: CollectedSpan[] = [];
  const unreadable: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      let parsed: unknown = {};
      try {
        parsed = JSON.parse(body || '{}');
      } catch {
        unreadable.push(`${request.method} ${request.url} ${String(request.headers['content-type'])}`);
      }
      const payload = parsed as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: any[] }> }> };
      for (const resource of payload.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            const attributes = Object.fromEntries((span.attributes ?? []).map((attribute: any) => [attribute.key, Object.values(attribute.value ?? {})[0]]));
            spans.push({ traceId: span.traceId, name: span.name, attributes });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, unreadable };
}

function otelModules(stderr: string): string[] {
  return JSON.parse(/OTEL-MODULES (.*)/.exec(stderr)?.[1] ?? 'null') as string[];
}

describe('OpenTelemetry with a collector that takes connections and never answers', () => {
  it('exits 0 on SIGTERM within SHUTDOWN_TIMEOUT_MS, with a warning instead of an error', async () => {
    const sockets = new Set<Socket>();
    const blackHole = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
      const service = await ServiceProcess.start({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, SHUTDOWN_TIMEOUT_MS: '1000', SHUTDOWN_PRE_CLOSE_MS: '0' }, { startTimeoutMs: 60_000 });
      // Spans waiting to be exported at exit.
      for (let i = 0; i < 5; i += 1) expect((await fetch(`${service.url}/api/tags`)).status).toBe(200);
      const sentAt = service.signal('SIGTERM');
      const exit = await service.exited;
      expect(exit.code).toBe(0);
      // The margin is for a loaded machine; without the bound the exit took 7 s (the exporter's 5 s on top).
      expect(exit.at - sentAt).toBeLessThan(3_000);
      expect(service.errors()).toEqual([]);
      expect(service.logs.some((line) => line.msg === 'pending spans not exported before the shutdown deadline')).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  }, 90_000);
});

// Tracing off (no SDK module loaded at all) is checked by the first-start test, on the same process.
describe('OpenTelemetry', () => {
  describe.runIf(servicesConfigured('OpenTelemetry tracing of SQL and Redis commands', { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL }))('when on (PostgreSQL and Redis)', () => {
    let collector: Awaited<ReturnType<typeof startCollector>>;
    beforeAll(async () => {
      await migrateRunDatabase();
      collector = await startCollector();
    });
    afterAll(() => new Promise<void>((resolve) => collector.server.close(() => resolve())));

    it('traces HTTP requests, SQL statements and Redis commands, and stamps logs with the trace id', async () => {
      const service = await ServiceProcess.start(
        {
          DATABASE_URL: process.env.DATABASE_URL as string,
          REDIS_URL: process.env.REDIS_URL as string,
          REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'conduit-test:'}${unique('otel')}:`,
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
          OTEL_BSP_SCHEDULE_DELAY: '100',
        },
        { preload: SENTINEL, startTimeoutMs: 60_000 },
      );
      try {
        const name = unique('traced');
        const response = await fetch(`${service.url}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } }),
        });
        expect(response.status).toBe(201);
        const deadline = Date.now() + 20_000;
        const has = (test: (span: CollectedSpan) => boolean) => collector.spans.some(test);
        // Semantic conventions name the system `db.system` (older) or `db.system.name` (newer).
        const system = (span: CollectedSpan) => span.attributes['db.system.name'] ?? span.attributes['db.system'];
        const isSql = (span: CollectedSpan) => span.name.startsWith('pg.query') && system(span) === 'postgresql';
        const isRedis = (span: CollectedSpan) => system(span) === 'redis';
        while (!(has(isSql) && has(isRedis) && has((span) => span.name.startsWith('POST'))) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const register = collector.spans.find((span) => span.name.startsWith('POST'));
        expect(register).toBeDefined();
        // The register request's own trace holds its SQL statements and its Redis call (the rate limiter).
        const sameTrace = collector.spans.filter((span) => span.traceId === register!.traceId);
        expect(sameTrace.some(isSql)).toBe(true);
        expect(sameTrace.some(isRedis)).toBe(true);
        expect(collector.unreadable).toEqual([]);
        // Statements are traced, their bound values never (the password hash and email stay out).
        expect(JSON.stringify(collector.spans)).not.toContain(name + '@example.test');
        const logged = service.logs.filter((line) => line.trace_id === register!.traceId);
        expect(logged.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
      } finally {
        await service.stop();
      }
      expect(otelModules(service.stderr)).toEqual(
        expect.arrayContaining(['@opentelemetry/sdk-node', '@opentelemetry/instrumentation-pg', '@opentelemetry/instrumentation-ioredis']),
      );
    }, 90_000);
  });
});
