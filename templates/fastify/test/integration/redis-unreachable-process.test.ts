import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceProcess } from '../support/service-process.js';

/** A JSON request to the running service. */
async function call(base: string, method: string, path: string, options: { body?: unknown; token?: string } = {}) {
  const response = await fetch(new URL(path, base), {
    method,
    headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    ...(options.body ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the running service with its Redis down from the start', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'redis-down-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('serves every route through its Redis-backed rate limiter, cache and queue, and writes nothing outside its JSON logs', { timeout: 120_000 }, async () => {
    // Port 9 refuses connections: Redis is down, as on a laptop where it was never started.
    const env = { PORT: '0', HOST: '127.0.0.1', PGLITE_DATA_DIR: 'memory://', REDIS_URL: 'redis://127.0.0.1:9', SHUTDOWN_PRECLOSE_MS: '0', SCRYPT_LOG_N: '12' };
    const service = await startServiceProcess({ cwd, env });
    try {
      expect(await call(service.url, 'GET', '/health/ready')).toMatchObject({ status: 200, body: { checks: { database: 'ok', cache: 'degraded' } } });
      const credentials = { email: 'redis-down@example.test', password: 'correct horse battery staple' };
      expect((await call(service.url, 'POST', '/auth/register', { body: credentials })).status).toBe(201);
      const { body } = await call(service.url, 'POST', '/auth/login', { body: credentials });
      expect((await call(service.url, 'GET', '/users/me', { token: String(body.accessToken) })).status).toBe(200);
    } finally {
      expect((await service.stop('SIGTERM')).code).toBe(0);
    }
    // A library's console output (a stack per request while Redis is down) would land here.
    expect(service.lines.filter((line) => !line.startsWith('{'))).toEqual([]);
    expect(service.lines.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});
