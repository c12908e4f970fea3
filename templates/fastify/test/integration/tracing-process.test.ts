import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startServiceProcess } from '../support/service-process.js';
import { servicesConfigured } from '../support/services.js';

const SENTINEL = fileURLToPath(new URL('../support/module-sentinel.mjs', import.meta.url));

function otelModules(lines: readonly string[]): string[] | null {
  const line = lines.find((entry) => entry.startsWith('OTEL-MODULES '));
  return line ? (JSON.parse(line.slice('OTEL-MODULES '.length)) as string[]) : null;
}

interface CollectedSpan {
  traceId: string;
  name: string;
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
      // The exporter may compress: gzip is recognised by its magic bytes, whatever the headers say.
      const gzipped = request.headers['content-encoding'] === 'gzip' || (raw[0] === 0x1f && raw[1] === 0x8b);
      try {
        const body = (gzipped ? gunzipSync(raw) : raw).toString('utf8');
        const payload = JSON.parse(body || '{}') as { resourceSpans?: { scopeSpans?: { spans?: CollectedSpan[] }[] }[] };
        for (const resource of payload.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...(scope.spans ?? []));
      } catch {
        unreadable.push(`${request.method} ${request.url} ${String(request.headers['content-type'])} ${String(request.headers['content-encoding'])} ${raw.subarray(0, 4).toString('hex')}`);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, unreadable };
}

describe('OpenTelemetry in the running service', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'tracing-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('exits on SIGTERM within the shutdown timeout when the collector takes connections and never answers', { timeout: 120_000 }, async () => {
    const sockets = new Set<Socket>();
    const blackHole = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
    try {
      const env = { PORT: '0', HOST: '127.0.0.1', PGLITE_DATA_DIR: 'memory://', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, SHUTDOWN_PRECLOSE_MS: '0', SHUTDOWN_TIMEOUT_MS: '1000' };
      const service = await startServiceProcess({ cwd, env });
      // Spans waiting to be exported at exit.
      for (let i = 0; i < 5; i += 1) expect((await fetch(new URL('/health/live', service.url))).status).toBe(200);
      const { code, ms } = await service.stop('SIGTERM');
      expect(code).toBe(0);
      // The exporter's own timeout is 5 s: the flush must not add it to the 1 s shutdown timeout
      // (the margin is for a loaded machine; without the bound the exit took 5.1 s).
      expect(ms).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });

  it('loads no OpenTelemetry SDK, exporter or instrumentation when tracing is off', { timeout: 120_000 }, async () => {
    const service = await startServiceProcess({ cwd, env: { PORT: '0', HOST: '127.0.0.1' }, preload: [SENTINEL] });
    expect((await fetch(new URL('/health/live', service.url))).status).toBe(200);
    const { code } = await service.stop('SIGINT');
    expect(code).toBe(0);
    // No SDK, exporter or instrumentation. prom-client's CPU metric requires the dependency-free API
    // package (for exemplars), so that one may appear.
    expect(otelModules(service.lines)?.filter((name) => name !== '@opentelemetry/api')).toEqual([]);
  });

  const databaseUrl = inject('databaseUrl');
  it.runIf(servicesConfigured('tracing of SQL and Redis commands', { DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL }))(
    'when on, traces the request, its SQL and its Redis commands, and puts the trace id in the logs (PostgreSQL and Redis)',
    { timeout: 120_000 },
    async () => {
      const collector = await startCollector();
      try {
        const service = await startServiceProcess({
          cwd,
          env: {
            PORT: '0',
            HOST: '127.0.0.1',
            DATABASE_URL: databaseUrl!,
            REDIS_URL: process.env.REDIS_URL!,
            REDIS_KEY_PREFIX: `tracing:${randomBytes(6).toString('hex')}:`,
            OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
            LOG_LEVEL: 'info',
          },
        });
        // Readiness checks both dependencies: one request, a SQL statement and a Redis command.
        expect((await fetch(new URL('/health/ready', service.url))).status).toBe(200);
        const { code } = await service.stop('SIGINT');
        expect(code).toBe(0);
        expect(collector.unreadable).toEqual([]);
        const names = collector.spans.map((span) => span.name);
        const httpSpan = collector.spans.find((span) => /^GET/.test(span.name));
        expect(httpSpan, names.join(', ')).toBeDefined();
        expect(names.some((name) => /^pg\.|SELECT/i.test(name)), names.join(', ')).toBe(true);
        expect(names.some((name) => /^(ping|get|set|eval|evalsha|info)$/i.test(name)), names.join(', ')).toBe(true);
        const traced = service.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { trace_id?: string });
        expect(traced.some((entry) => entry.trace_id === httpSpan!.traceId)).toBe(true);
      } finally {
        collector.server.close();
      }
    },
  );
});
