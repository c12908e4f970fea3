import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fuzz, readSpec, type FuzzFigures } from '../support/openapi-fuzzer.js';
import { sendRaw } from '../support/raw-http.js';
import { startServiceProcess } from '../support/service-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SPEC = readSpec(new URL('../../openapi.json', import.meta.url));
// A few hundred on every `npm test`; the fault suite sends thousands (FUZZ_INPUTS).
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 18);

const POLLUTION_SENTINEL = fileURLToPath(new URL('../support/pollution-sentinel.mjs', import.meta.url));

describe('the service against its own OpenAPI spec', () => {
  let api: TestApp;
  const cwd = mkdtempSync(join(tmpdir(), 'fuzz-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_MAX: 1_000_000, AUTH_RATE_LIMIT_MAX: 1_000_000 });
  });
  afterAll(() => api.close());

  it('serves every operation the spec lists (features left out of a project excepted)', () => {
    const served = new Set(api.app.container.routes.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`));
    for (const path of ['/health/live', '/health/ready', '/metrics']) served.add(`GET ${path}`);
    const listed = Object.entries(SPEC.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => !('x-strata-feature' in operation) || served.has(`${'GET'} ${path}`))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.filter((operation) => !served.has(operation))).toEqual([]);
  });

  it(`answers ${INPUTS} malformed requests with 4xx in the error format: no 500, no stack, no prototype pollution`, { timeout: 600_000 }, async () => {
    // The service as its own process (on this run's PostgreSQL and Redis when the suite has them),
    // with a sentinel that reports at exit any property a request added to a built-in prototype.
    const databaseUrl = inject('databaseUrl');
    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      PGLITE_DATA_DIR: 'memory://',
      RATE_LIMIT_MAX: '1000000',
      AUTH_RATE_LIMIT_MAX: '1000000',
      SCRYPT_LOG_N: '12',
      SHUTDOWN_PRECLOSE_MS: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, MIGRATE_ON_START: 'false' } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `fuzz:${randomBytes(6).toString('hex')}:` } : {}),
    };
    const service = await startServiceProcess({ cwd, env, preload: [POLLUTION_SENTINEL] });
    let figures: FuzzFigures;
    try {
      const credentials = { email: `fuzz-${randomBytes(6).toString('hex')}@example.test`, password: 'correct horse battery staple' };
      const post = (path: string) => fetch(new URL(path, service.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
      expect((await post('/auth/register')).status).toBe(201);
      const { accessToken } = (await (await post('/auth/login')).json()) as { accessToken: string };
      figures = await fuzz({ spec: SPEC, send: (request) => sendRaw(service.url, request), token: accessToken, inputs: INPUTS, seed: SEED });
      // Still serving, and signed-in requests still work.
      expect((await fetch(new URL('/users/me', service.url), { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);
    } finally {
      expect((await service.stop('SIGINT')).code).toBe(0);
    }
    const pollution = service.lines.find((line) => line.startsWith('POLLUTION-REPORT '))?.slice('POLLUTION-REPORT '.length);
    process.stdout.write(`openapi fuzz: ${figures.inputs} inputs tried (seed ${SEED}) on a service process, answers by status ${JSON.stringify(figures.byStatus)}, broken: ${figures.failures.length}, prototype additions: ${pollution}\n`);
    for (const failure of figures.failures.slice(0, 20)) {
      const { method, path, headers, body } = failure.request;
      process.stdout.write(`  broken: ${method} ${path.slice(0, 120)} ${JSON.stringify(headers).slice(0, 200)} body=${JSON.stringify(body?.slice(0, 80))} -> ${failure.text.slice(0, 160)}\n`);
    }
    expect(figures.failures.slice(0, 5)).toEqual([]);
    expect(figures.inputs).toBe(INPUTS);
    expect(pollution).toBe('{}');
    // Nothing outside the JSON logs but the sentinel's line, and no error-level line.
    expect(service.lines.filter((line) => (!line.startsWith('{') && !line.startsWith('POLLUTION-REPORT ')) || /"level":(50|60)/.test(line))).toEqual([]);
  });
});
