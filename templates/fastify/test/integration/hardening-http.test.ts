import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/shared/application/pagination.js';
import { createLogger } from '../../src/shared/infrastructure/observability/logger.js';
import { signUp, startTestApp, uniqueEmail, type TestApp } from '../support/test-app.js';

const NUL = '\u0000';

/** Every log line the app writes, as parsed JSON, for assertions on what is (not) logged. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', serviceName: 'test', destination }), lines };
}

describe('hostile input at the boundary', () => {
  let api: TestApp;
  let token: string;
  const logs = capturedLogger();

  beforeAll(async () => {
    api = await startTestApp({}, { logger: logs.logger });
    ({ accessToken: token } = await signUp(api));
  });
  afterAll(() => api.close());

  it('refuses a NUL in any string field, key, path parameter or query with a 400 in the error format', async () => {
    const line = { description: `x${NUL}`, quantity: 1, unitPriceCents: 1 };
    const attempts = [
      api.request('POST', '/auth/register', { body: { email: `a${NUL}@example.test`, password: 'correct horse battery staple' } }),
      api.request('POST', '/auth/login', { body: { email: uniqueEmail(), password: `pass${NUL}word-long-enough` } }),
      api.request('POST', '/invoices', { token, body: { customerName: `Acme${NUL}`, currency: 'EUR', lines: [{ ...line, description: 'ok' }] } }),
      api.request('POST', '/invoices', { token, body: { customerName: 'Acme', currency: 'EUR', lines: [line] } }),
      api.request('POST', '/invoices', { token, body: { customerName: 'Acme', currency: 'EUR', lines: [], [`k${NUL}`]: 1 } }),
      api.request('GET', '/invoices/%00', { token }),
      api.request('GET', `/invoices?cursor=%00`, { token }),
      api.request('POST', '/auth/refresh', { body: { refreshToken: `${NUL}` } }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect(logs.lines.filter((entry) => JSON.parse(entry).level >= 50)).toEqual([]);
  });

  it('refuses forged cursors (a non-uuid id, a date PostgreSQL cannot hold) with 400', async () => {
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cursors = [
      forge(['2030-01-01T00:00:00.000Z', 'not-a-uuid']),
      forge(['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000001']),
      forge(['2030-01-01', '00000000-0000-4000-8000-000000000001']),
      forge({ createdAt: 1 }),
      'bm90IGpzb24',
    ];
    for (const cursor of cursors) {
      const response = await api.request('GET', `/invoices?cursor=${cursor}`, { token });
      expect(response.status, cursor).toBe(400);
      expect(response.body.error.code).toBe('INVALID_CURSOR');
    }
    const genuine = encodeCursor({ createdAt: new Date('2030-01-01T00:00:00.000Z'), id: '00000000-0000-4000-8000-000000000001' });
    expect((await api.request('GET', `/invoices?cursor=${genuine}`, { token })).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('keep health and metrics out: probes and scrapes are never throttled', async () => {
    const api = await startTestApp({ RATE_LIMIT_MAX: 3 });
    try {
      for (let i = 0; i < 3; i += 1) await api.request('GET', '/users/me');
      expect((await api.request('GET', '/users/me')).status).toBe(429);
      for (let i = 0; i < 5; i += 1) {
        for (const path of ['/health/live', '/health/ready', '/metrics']) expect((await api.request('GET', path)).status, path).toBe(200);
      }
    } finally {
      await api.close();
    }
  });
});

describe('CORS', () => {
  it('answers a preflight for every method the routes use, for a listed origin only', async () => {
    const api = await startTestApp({ CORS_ORIGINS: ['https://app.example.test'] });
    try {
      const preflight = (origin: string, method: string) =>
        fetch(new URL('/invoices/x', api.app.url), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } });
      const allowed = await preflight('https://app.example.test', 'DELETE');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
      const methods = allowed.headers.get('access-control-allow-methods') ?? '';
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) expect(methods).toContain(method);
      expect((await preflight('https://evil.example.test', 'PUT')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await api.close();
    }
  });
});
