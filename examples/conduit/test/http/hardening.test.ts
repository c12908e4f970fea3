import { readdir } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/bootstrap/database.js';
import { createService, MIGRATIONS_DIR, type Service } from '../../src/bootstrap/service.js';
import { migrate } from '../../src/shared/infrastructure/db/migrator.js';
import { classifyDatabaseError, loggableFailure } from '../../src/shared/infrastructure/db/pg-errors.js';
import { SECURITY_HEADERS } from '../../src/shared/interfaces/http/security-headers.js';
import { ApiClient } from '../support/http-client.js';
import { servicesConfigured } from '../support/services.js';
import { testConfig, unique } from '../support/test-config.js';
import { testDatabase } from '../support/test-service.js';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A service whose log lines are kept, so tests can assert what is (and is never) logged. */
async function loggedService(overrides: Record<string, string> = {}) {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const config = testConfig({ LOG_LEVEL: 'info', ...overrides });
  const { handle, shared } = await testDatabase(config);
  const service = await createService(config, pino({ level: 'info' }, sink), { migrate: false, database: handle });
  const stop = async () => {
    await service.stop();
    if (!shared) await handle.close();
  };
  return { service, lines, stop };
}

describe('input hardening at the HTTP boundary', () => {
  let service: Service;
  let lines: LogLine[];
  let stop: () => Promise<void>;
  let api: ApiClient;
  let user: { username: string; email: string; token: string };
  let slug: string;

  beforeAll(async () => {
    ({ service, lines, stop } = await loggedService({ CORS_ORIGIN: 'https://app.example.test' }));
    // A route that runs a failing statement with a bound value, as any repository might.
    service.app.get('/test/failing-query', async () => service.database.db.execute(sql`SELECT ${'leaked.secret@example.test'}::uuid`));
    api = new ApiClient(service.app);
    user = await api.register('hardened');
    slug = (await api.publish(user.token)).slug;
  });
  afterAll(() => stop?.());

  it('refuses a NUL character in every string field, path parameter and query with a 422, never a 500 or an error log', async () => {
    const nul = 'a\u0000b';
    const attempts = [
      api.request('POST', '/api/users', { body: { user: { username: nul, email: `${unique('n')}@example.test`, password: 'correct-horse' } } }),
      api.request('POST', '/api/users/login', { body: { user: { email: `x${nul}@example.test`, password: 'correct-horse' } } }),
      api.request('POST', '/api/articles', { token: user.token, body: { article: { title: nul, description: 'd', body: 'b' } } }),
      api.request('POST', '/api/articles', { token: user.token, body: { article: { title: 't', description: 'd', body: 'b', tagList: ['ok', nul] } } }),
      api.request('PUT', `/api/articles/${slug}`, { token: user.token, body: { article: { body: nul } } }),
      api.request('POST', `/api/articles/${slug}/comments`, { token: user.token, body: { comment: { body: nul } } }),
      api.request('PUT', '/api/user', { token: user.token, body: { user: { bio: nul } } }),
      api.request('GET', '/api/articles?tag=a%00b'),
      api.request('GET', '/api/articles?author=a%00b'),
      api.request('GET', '/api/articles/a%00b'),
      api.request('GET', '/api/articles/a%00b/comments'),
      api.request('GET', '/api/profiles/a%00b'),
      api.request('POST', '/api/profiles/a%00b/follow', { token: user.token }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(422);
      expect(response.body.errors.body[0]).toMatch(/must not contain NUL characters$/);
    }
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('answers URLs Fastify rejects before routing (bad percent-encoding, over-long parameter) in the error format', async () => {
    for (const url of ['/api/articles/%ZZ', '/api/profiles/%C3%28', `/api/articles/${'z'.repeat(10_000)}`]) {
      const response = await service.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      const body = response.json();
      expect(Object.keys(body)).toEqual(['errors']);
      expect(body.errors.body[0].length).toBeLessThanOrEqual(301);
    }
  });

  it('refuses forged keyset cursors with a 422', async () => {
    const forge = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const cursor of [forge('2026-01-15T10:00:00.000Z|not-a-uuid'), forge('+275760-09-13T00:00:00.000Z|0a1b2c3d-0000-4000-8000-000000000001')]) {
      const response = await api.request('GET', `/api/articles?cursor=${cursor}`);
      expect(response).toEqual({ status: 422, body: { errors: { body: ['cursor is invalid'] } } });
    }
  });

  it('maps a database data exception to 422 and logs its SQLSTATE, never the bound parameters', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/test/failing-query' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ errors: { body: ['a value in the request cannot be stored'] } });
    const logged = lines.find((line) => line.msg === 'dependency error mapped to a response');
    expect(logged).toMatchObject({ dependency: { sqlState: '22P02' }, failure: 'data' });
    expect(JSON.stringify(lines)).not.toContain('leaked.secret');
  });

  it('answers CORS preflights for PUT and DELETE from a configured origin only', async () => {
    const preflight = (origin: string) =>
      service.app.inject({ method: 'OPTIONS', url: '/api/articles/x', headers: { origin, 'access-control-request-method': 'DELETE' } });
    const allowed = await preflight('https://app.example.test');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.test');
    expect(String(allowed.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(expect.arrayContaining(['PUT', 'DELETE']));
    expect((await preflight('https://evil.example.test')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('with no origin configured, answers no CORS at all: a preflight is a 404, a read carries no CORS headers', async () => {
    const { service: closed, stop: stopClosed } = await loggedService({ CORS_ORIGIN: '' });
    try {
      const preflight = await closed.app.inject({
        method: 'OPTIONS',
        url: '/api/articles/x',
        headers: { origin: 'https://app.example.test', 'access-control-request-method': 'DELETE' },
      });
      expect(preflight.statusCode).toBe(404);
      const read = await closed.app.inject({ method: 'GET', url: '/api/tags', headers: { origin: 'https://app.example.test' } });
      expect(read.statusCode).toBe(200);
      for (const response of [preflight, read]) {
        expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      }
    } finally {
      await stopClosed();
    }
  });

  it('sends the security headers on errors as on successes', async () => {
    // The headers are reply headers, set before routing: a 404, a 401 and a validation error keep them.
    for (const response of [
      await service.app.inject({ method: 'GET', url: '/api/no-such-route' }),
      await service.app.inject({ method: 'GET', url: '/api/user' }),
      await service.app.inject({ method: 'POST', url: '/api/users', payload: { user: {} } }),
    ]) {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('sends the security headers and a request id on the answers Fastify gives before routing (400 bad URL, 414 long parameter, failed async constraint)', async () => {
    // Fastify's third framework error, a failed async route constraint, cannot happen on Conduit's own
    // routes (none uses one): a separate service gets a route behind a constraint that always fails.
    const { service: constrained, stop: stopConstrained } = await loggedService();
    try {
      constrained.app.addConstraintStrategy({
        name: 'failingAsync',
        storage: () => {
          const handlers = new Map<unknown, unknown>();
          return { get: (value: unknown) => handlers.get(value) ?? null, set: (value: unknown, handler: unknown) => void handlers.set(value, handler) };
        },
        deriveConstraint: (_request: unknown, _context: unknown, done: (error: Error | null, value?: unknown) => void) => done(new Error('constraint failed')),
        mustMatchWhenDerived: true,
      } as never);
      constrained.app.get('/test/async-constraint', { constraints: { failingAsync: 'x' } }, async () => ({}));
      const cases = [
        { app: service.app, url: '/api/articles/%ZZ', status: 400 },
        { app: service.app, url: '/api/profiles/%C3%28', status: 400 },
        { app: service.app, url: `/api/articles/${'z'.repeat(10_000)}`, status: 414 },
        // Fastify rates it 500; answerFrameworkError answers anything outside 4xx with a 400.
        { app: constrained.app, url: '/test/async-constraint', status: 400 },
      ];
      for (const { app, url, status } of cases) {
        const minted = await app.inject({ method: 'GET', url });
        const echoed = await app.inject({ method: 'GET', url, headers: { 'x-request-id': 'lb-7f3a.2026_01' } });
        const replaced = await app.inject({ method: 'GET', url, headers: { 'x-request-id': '<script>' } });
        for (const response of [minted, echoed, replaced]) {
          expect(response.statusCode).toBe(status);
          expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
          expect(response.headers['x-content-type-options']).toBe('nosniff');
          expect(response.headers['x-frame-options']).toBe('DENY');
          expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
          expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
          // Every header of the shared list, not only the five named above.
          for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers[name]).toBe(value);
          expect(Object.keys(response.json())).toEqual(['errors']);
        }
        expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(echoed.headers['x-request-id']).toBe('lb-7f3a.2026_01');
        expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
    } finally {
      await stopConstrained();
    }
  });

  it('keeps a well-formed x-request-id and replaces anything else', async () => {
    const echo = async (id: string) => (await service.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': id } })).headers['x-request-id'];
    expect(await echo('lb-7f3a.2026_01')).toBe('lb-7f3a.2026_01');
    for (const bad of ['has spaces', 'x'.repeat(129), '<script>', 'a\u00e9b', 'line\\nbreak']) {
      const replaced = await echo(bad);
      expect(replaced).not.toBe(bad);
      expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('rate limiting', () => {
  it('never limits health probes or metrics scrapes', async () => {
    const { service, stop } = await loggedService({ RATE_LIMIT_MAX: '3' });
    try {
      for (const url of ['/health/live', '/health/ready', '/metrics']) {
        for (let attempt = 0; attempt < 5; attempt += 1) {
          expect((await service.app.inject({ method: 'GET', url })).statusCode, `${url} #${attempt}`).toBe(200);
        }
      }
      // The limit itself is in force: ordinary routes get their 3 requests, then 429.
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await service.app.inject({ method: 'GET', url: '/api/tags' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await stop();
    }
  });
});

describe('database error classification', () => {
  it('sorts real driver errors by SQLSTATE class and connection failures as unavailable', async () => {
    const config = testConfig();
    const { handle, shared } = await testDatabase(config);
    try {
      const failure = await handle.db.execute(sql`SELECT ${'not-a-uuid'}::uuid`).catch((error: unknown) => error);
      expect(classifyDatabaseError(failure)).toEqual({ kind: 'data', facts: { sqlState: '22P02' } });
      // Background work (outbox relay, token purge) logs through the same filter: no statement, no parameters.
      expect(loggableFailure(failure)).toEqual({ dependency: { sqlState: '22P02' } });
      const missing = await handle.db.execute(sql`SELECT * FROM no_such_table`).catch((error: unknown) => error);
      expect(classifyDatabaseError(missing)).toEqual({ kind: 'other', facts: { sqlState: '42P01' } });
      // A query the driver refuses before sending (a value it cannot serialise): no SQLSTATE, and the
      // error's message lists every bound value, one of which reads like a connection failure.
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const unsent = await handle.db.execute(sql`SELECT ${'connection terminated: leaked.secret@example.test'}::text, ${circular}::jsonb`).catch((error: unknown) => error);
      expect(classifyDatabaseError(unsent)).toEqual({ kind: 'other', facts: { query: 'failed without SQLSTATE' } });
      expect(JSON.stringify(loggableFailure(unsent))).not.toContain('leaked.secret');
    } finally {
      if (!shared) await handle.close();
    }
    // Nothing listens on port 1: the pool's connection attempt is refused.
    const unreachable = await openDatabase({ ...config, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATABASE_CONNECT_TIMEOUT_MS: 500 }, pino({ level: 'silent' }));
    const refused = await unreachable.db.execute(sql`SELECT 1`).catch((error: unknown) => error);
    await unreachable.close();
    expect(classifyDatabaseError(refused)?.kind).toBe('unavailable');
  });
});

const MIGRATIONS_SUITE = 'migrations on a fresh PostgreSQL database';
describe.runIf(servicesConfigured(MIGRATIONS_SUITE, { DATABASE_URL: process.env.DATABASE_URL }))(MIGRATIONS_SUITE, () => {
  it('run concurrently from four processes without colliding: the lock is taken before the migrations table exists', async () => {
    const base = new URL(process.env.DATABASE_URL as string);
    const name = unique('conduit_migrate_');
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    try {
      const handles = await Promise.all(
        Array.from({ length: 4 }, () => openDatabase({ ...testConfig(), DATABASE_URL: url.toString() }, pino({ level: 'silent' }))),
      );
      try {
        const applied = await Promise.all(handles.map((handle) => migrate(handle.migrations, MIGRATIONS_DIR)));
        // Every migration ran exactly once across the four.
        const files = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql')).sort();
        expect(applied.flat().sort()).toEqual(files);
      } finally {
        await Promise.all(handles.map((handle) => handle.close()));
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
