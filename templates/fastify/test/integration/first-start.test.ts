import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_ARGS, startServiceProcess } from '../support/service-process.js';

/**
 * What a new user does first: start the service from a fresh copy with no environment at all. The
 * default PGlite path (.data/pglite under the working directory) is used for real, not memory://.
 */
describe('first start with no environment', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'first-start-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('creates the data directory, serves, names its backends in one line and stops cleanly', { timeout: 120_000 }, async () => {
    // Only the port is set, so parallel test runs do not fight over 3000.
    const service = await startServiceProcess({ cwd, env: { PORT: '0', HOST: '127.0.0.1' } });
    try {
      expect(existsSync(join(cwd, '.data/pglite'))).toBe(true);
      const ready = await fetch(new URL('/health/ready', service.url));
      expect(ready.status).toBe(200);
      const started = service.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'listening');
      expect(started).toMatchObject({
        database: 'pglite (.data/pglite)',
        cache: 'memory (per process)',
        events: 'transactional outbox',
        tracing: 'off',
        jwtSecret: expect.stringContaining('generated per process'),
      });
      expect(started).toHaveProperty('queue');
    } finally {
      const { code } = await service.stop('SIGINT');
      expect(code).toBe(0);
    }
    expect(service.lines.filter((line) => /"level":(50|60)/.test(line) || /^\s+at /.test(line))).toEqual([]);
  });

  it('refuses production on the embedded stores and the .env.example placeholder secret: one line on stderr, exit 1, no stack', () => {
    const placeholder = 'replace-with-the-output-of-openssl-rand-base64-32';
    for (const env of [{}, { JWT_SECRET: placeholder, ALLOW_EMBEDDED_STORES: 'true' }]) {
      const run = spawnSync(process.execPath, SERVICE_ARGS, { cwd, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env }, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid environment: .*JWT_SECRET: is (required in production|a placeholder)/)]);
    }
  });
});
