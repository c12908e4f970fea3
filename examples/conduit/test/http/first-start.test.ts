import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceProcess } from '../faults/support/service-process.js';

const CONDUIT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODULE_SENTINEL = path.join(CONDUIT_ROOT, 'test/faults/support/module-sentinel.mjs');

/** `npm start` as a new user runs it: the real entry point, no environment beyond what a shell has. */
function startOnce(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: CONDUIT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('first contact', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'conduit-first-start-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('starts with no configuration, logs one line naming its backends, loads no tracing, serves, and stops on SIGTERM', async () => {
    // Only what the test needs: a free port (the default 3000 may be taken on a shared machine) and
    // a data directory whose parents do not exist yet, as on a fresh checkout.
    const dataDir = path.join(scratch, 'not', 'yet', 'there', 'pglite');
    const service = await ServiceProcess.start({ PGLITE_DATA_DIR: dataDir }, { startTimeoutMs: 60_000, bareEnvironment: true, preload: MODULE_SENTINEL });
    try {
      const ready = await fetch(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      const starting = service.logs.filter((line) => line.msg === 'conduit starting');
      expect(starting).toHaveLength(1);
      expect(starting[0]!.backends).toEqual({
        database: `pglite dir ${dataDir}`,
        cache: 'in-process memory',
        rateLimit: 'in-process memory',
        events: 'transactional outbox in the database, relayed in-process',
        tracing: 'off',
        jwtSecret: 'generated for this process (sessions end on restart)',
      });
    } finally {
      service.signal('SIGTERM');
    }
    const exit = await service.exited;
    expect(exit.code).toBe(0);
    // Tracing is off: no OpenTelemetry SDK, exporter or instrumentation was loaded. (prom-client's
    // CPU metric requires the dependency-free API package for exemplars; that one may appear.)
    const otel = JSON.parse(/OTEL-MODULES (.*)/.exec(service.stderr)?.[1] ?? 'null') as string[];
    expect(otel.filter((name) => name !== '@opentelemetry/api')).toEqual([]);
    expect(service.stderr.replace(/OTEL-MODULES .*\n/, '')).toBe('');
  }, 90_000);

  it('refuses, in one line and without a stack, to run production on the embedded database or a placeholder secret', () => {
    const secret = randomBytes(32).toString('base64url');
    const embedded = startOnce({ NODE_ENV: 'production', JWT_SECRET: secret });
    expect(embedded.code).toBe(1);
    expect(embedded.stderr).toBe('DATABASE_URL: required in production (or ALLOW_EMBEDDED_IN_PRODUCTION=true for the embedded database)\n');
    const placeholder = startOnce({ NODE_ENV: 'production', JWT_SECRET: 'replace-with-at-least-32-random-characters', DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r' });
    expect(placeholder.code).toBe(1);
    expect(placeholder.stderr).toMatch(/^JWT_SECRET: looks like a placeholder \(contains "replace"\); generate one with: openssl rand -base64 32\n$/);
  }, 60_000);
});
