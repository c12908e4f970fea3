import { describe, expect, it } from 'vitest';
import { diagnose, runProbe } from '../src/index.js';
import { FIXTURES } from './helpers.js';

// Real PostgreSQL and Redis (npm run test:services): the driver wrappers time real queries.
describe('strata probe on database calls', () => {
  it('reports a slow query without a statement timeout and Redis commands without a command timeout', async () => {
    const run = await runProbe({
      command: [process.execPath, 'db-service.mjs'],
      cwd: FIXTURES,
      env: process.env,
      routes: [
        { method: 'GET', path: '/pg' },
        { method: 'GET', path: '/redis' },
      ],
      connections: 4,
      // Windows of 1 s: a request that waits 600 ms on the database completes inside one. Calls are
      // counted in the sampler's intervals that fall in a window, so with 0.5 s windows they ended
      // between windows or at their edge, and whether any was counted came down to timing.
      durationMs: 3000,
      attachOnly: false,
      startupTimeoutMs: 20_000,
    });
    const report = diagnose(run);
    const pgCalls = report.outbound.find((call) => call.kind === 'pg' && call.route === 'GET /pg')!;
    expect(pgCalls.calls).toBeGreaterThan(0);
    expect(pgCalls.timeout).toBe('none');
    expect(pgCalls.meanMs).toBeGreaterThanOrEqual(600);
    const slow = report.findings.find((finding) => finding.kind === 'slow-outbound')!;
    expect(slow.route).toBe('GET /pg');
    expect(slow.what).toMatch(/^slow calls to pg [^ ]+:\d+\/\w+/);
    expect(slow.rule).toBe('db-without-timeouts');

    const redis = report.findings.find((finding) => finding.kind === 'outbound-without-timeout')!;
    expect(redis.route).toBe('GET /redis');
    expect(redis.what).toMatch(/^calls to ioredis .* have no timeout \(called from db-service\.mjs:\d+\)$/);
    expect(redis.rule).toBe('db-without-timeouts');
  }, 120_000);
});
