import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { call, eventually, metric, withFaultyService } from './faulty-service.js';

const report = (line: string) => process.stdout.write(`faults: ${line}\n`);
/** Outbox rows of one event for one aggregate, read straight from this run's database. */
async function outboxRows(name: string, aggregateId: string): Promise<number> {
  const client = new pg.Client({ connectionString: inject('databaseUrl')! });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(`SELECT count(*) FROM outbox_events WHERE name = $1 AND event->>'aggregateId' = $2`, [name, aggregateId]);
    return Number(result.rows[0]!.count);
  } finally {
    await client.end();
  }
}
const issue = (token: string, customerName: string) =>
  ({ token, body: { customerName, currency: 'EUR', lines: [{ description: 'work', quantity: 1, unitPriceCents: 1000 }] } });

describe('the service with its PostgreSQL connection cut', () => {
  const running = withFaultyService();

  it('turns readiness 503 at once, fails requests fast with 503 in the error format, and recovers without a restart', async () => {
    const { service, database, token } = running();
    expect((await call(service, 'GET', '/health/ready')).status).toBe(200);
    database.cut();
    const unready = await eventually(() => call(service, 'GET', '/health/ready'), (answer) => answer.status === 503);
    report(`database cut: readiness 503 after ${unready.ms.toFixed(0)} ms (${unready.probes} probe(s))`);
    // The readiness check's own timeout is 1 s; one probe is what a load balancer would see.
    expect(unready.probes).toBe(1);

    const during = await Promise.all(Array.from({ length: 20 }, () => call(service, 'GET', '/users/me', { token })));
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(answer.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.any(String) });
    }
    report(`database cut: 20 requests answered 503, slowest in ${Math.max(...during.map((answer) => answer.ms)).toFixed(0)} ms`);

    database.restore();
    const recovered = await eventually(() => call(service, 'GET', '/health/ready'), (answer) => answer.status === 200);
    report(`database restored: ready again after ${recovered.ms.toFixed(0)} ms, same process (pid ${service.child.pid})`);
    expect((await call(service, 'GET', '/users/me', { token })).status).toBe(200);
    expect(service.child.exitCode).toBeNull();
  });

  it('survives repeated cuts with requests and relay transactions in flight, and recovers after each', async () => {
    const { service, database, token } = running();
    const cycles = 10;
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      const traffic = Promise.all(Array.from({ length: 10 }, () => call(service, 'GET', '/users/me', { token })));
      database.cut();
      for (const answer of await traffic) expect([200, 503]).toContain(answer.status);
      database.restore();
      await eventually(() => call(service, 'GET', '/health/ready'), (answer) => answer.status === 200);
    }
    // A connection dying while checked out (inside a transaction) once ended the process here.
    expect(service.child.exitCode).toBeNull();
    expect((await call(service, 'GET', '/users/me', { token })).status).toBe(200);
    report(`database: ${cycles + 1} cuts, ${database.resets} connections reset, process still serving`);
  });
});

describe('the service with its PostgreSQL network black-holed (no reset, packets vanish)', () => {
  const running = withFaultyService({ DATABASE_QUERY_TIMEOUT_MS: '1000' });

  it('fails readiness and requests with 503 within its own timeouts, and resumes when the network does', async () => {
    const { service, database, token } = running();
    // Fill the pool first: a request that takes an idle connection into the black hole is the one
    // only a client-side timeout can end.
    await Promise.all(Array.from({ length: 20 }, () => call(service, 'GET', '/users/me', { token })));
    database.blackhole();
    const unready = await call(service, 'GET', '/health/ready');
    expect(unready.status).toBe(503);
    const during = await Promise.all(Array.from({ length: 10 }, () => call(service, 'GET', '/users/me', { token })));
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('SERVICE_UNAVAILABLE');
    }
    report(`database black-holed: readiness 503 in ${unready.ms.toFixed(0)} ms, 10 requests 503, slowest ${Math.max(...during.map((answer) => answer.ms)).toFixed(0)} ms (query timeout 1 s + 1 s)`);
    database.restore();
    const recovered = await eventually(() => call(service, 'GET', '/users/me', { token }), (answer) => answer.status === 200);
    report(`database network back: serving again after ${recovered.ms.toFixed(0)} ms`);
    expect(service.child.exitCode).toBeNull();
  });
});

describe('the service with its Redis connection cut', () => {
  const running = withFaultyService();

  it('serves reads from the database, stays ready, and delivers every event written during the outage once Redis returns', async () => {
    const { service, redis, token } = running();
    const before = await call(service, 'POST', '/invoices', issue(token, 'Before the cut'));
    expect(before.status).toBe(201);
    expect((await call(service, 'GET', `/invoices/${before.body.id}`, { token })).status).toBe(200);

    redis.cut();
    const ready = await call(service, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: 'ok', cache: 'degraded' });
    const read = await call(service, 'GET', `/invoices/${before.body.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.customerName).toBe('Before the cut');

    const written = [];
    for (let i = 0; i < 10; i += 1) written.push(await call(service, 'POST', '/invoices', issue(token, `During the cut ${i}`)));
    expect(written.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    report(`redis cut: reads served from the database, 10 writes accepted, slowest ${Math.max(...written.map((answer) => answer.ms)).toFixed(0)} ms`);

    redis.restore();
    const issued = 11;
    const delivered = await eventually(
      () => metric(service, 'jobs_processed_total', 'job="invoices.invoice-issued",outcome="completed"'),
      (count) => count >= issued,
      200,
    );
    report(`redis restored: ${delivered.value} of ${issued} invoice events delivered after ${delivered.ms.toFixed(0)} ms; events lost: ${issued - Math.min(delivered.value, issued)}; connections reset: ${redis.resets}`);
    expect(delivered.value).toBeGreaterThanOrEqual(issued);
  });

  it('behaves the same when the Redis network is black-holed: bounded waits, nothing lost', async () => {
    const { service, redis, token } = running();
    const before = await metric(service, 'jobs_processed_total', 'job="invoices.invoice-issued",outcome="completed"');
    redis.blackhole();
    const written = [];
    for (let i = 0; i < 5; i += 1) written.push(await call(service, 'POST', '/invoices', issue(token, `Partitioned ${i}`)));
    expect(written.map((answer) => answer.status)).toEqual(Array(5).fill(201));
    const read = await call(service, 'GET', `/invoices/${written[0]!.body.id}`, { token });
    expect(read.status).toBe(200);
    expect((await call(service, 'GET', '/health/ready')).status).toBe(200);
    report(`redis black-holed: 5 writes accepted, slowest ${Math.max(...written.map((answer) => answer.ms)).toFixed(0)} ms; read ${read.ms.toFixed(0)} ms`);
    redis.restore();
    const delivered = await eventually(
      () => metric(service, 'jobs_processed_total', 'job="invoices.invoice-issued",outcome="completed"'),
      (count) => count >= before + 5,
      200,
    );
    report(`redis network back: ${delivered.value - before} of 5 events delivered after ${delivered.ms.toFixed(0)} ms`);
  });
});

for (const fault of ['cut', 'blackhole'] as const) {
  describe(`the service signing users up and stopping with Redis ${fault === 'cut' ? 'refusing connections' : 'black-holed'}`, () => {
    const SHUTDOWN_TIMEOUT_MS = 5_000;
    const running = withFaultyService({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });

    it('registers without hanging, keeps the event in the outbox, and exits cleanly within the shutdown timeout on SIGTERM', async () => {
      const { service, redis } = running();
      redis[fault]();
      const credentials = { email: `outage-${randomBytes(6).toString('hex')}@example.test`, password: 'correct horse battery staple' };
      // The sign-up route's rate limiter and the event's delivery both lean on Redis.
      const registered = await call(service, 'POST', '/auth/register', { body: credentials });
      expect(registered.status).toBe(201);
      // Committed once: a retry is a conflict, and the account signs in.
      expect((await call(service, 'POST', '/auth/register', { body: credentials })).status).toBe(409);
      expect((await call(service, 'POST', '/auth/login', { body: credentials })).status).toBe(200);
      report(`redis ${fault}: sign-up answered 201 in ${registered.ms.toFixed(0)} ms`);

      const { code, ms } = await service.stop('SIGTERM');
      report(`redis ${fault}: SIGTERM exit ${code} after ${ms.toFixed(0)} ms (shutdown timeout ${SHUTDOWN_TIMEOUT_MS} ms)`);
      expect(code).toBe(0);
      // The orchestrator's deadline (pre-close is 0 here): past it, SIGKILL would cut the drain short.
      expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      // Undelivered, not lost: the next process relays it.
      expect(await outboxRows('identity.user-registered', registered.body.id)).toBe(1);
      // Nothing outside the JSON logs (ioredis's 'Unhandled error event', a library's console stack)
      // and no error-level line.
      expect(service.lines.filter((line) => !line.startsWith('{') || /"level":(50|60)/.test(line))).toEqual([]);
    });
  });
}
