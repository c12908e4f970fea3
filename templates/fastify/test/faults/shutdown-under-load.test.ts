import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import { call, withFaultyService } from './faulty-service.js';

const PRE_CLOSE_MS = 4_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

describe('SIGTERM during load', () => {
  const running = withFaultyService({ SHUTDOWN_PRECLOSE_MS: String(PRE_CLOSE_MS), SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });

  it('fails no request: readiness turns 503, the listener keeps serving through the pre-close period, then drains and exits', async () => {
    const { service, token } = running();
    // The load balancer's view: the run ends within the pre-close period, as traffic would stop
    // once readiness fails. Every request of the run must succeed.
    const run = autocannon({ url: new URL('/users/me', service.url).toString(), connections: 20, duration: 3, headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const signalled = performance.now();
    const exited = new Promise<number | null>((resolve) => service.child.once('exit', resolve));
    service.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call(service, 'GET', '/health/ready')).status).toBe(503);
    const result = await run;
    const code = await exited;
    const exitMs = performance.now() - signalled;
    process.stdout.write(
      `faults: SIGTERM under load: ${result.requests.total} requests, ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx; exit ${code} after ${exitMs.toFixed(0)} ms (pre-close ${PRE_CLOSE_MS} ms + shutdown timeout ${SHUTDOWN_TIMEOUT_MS} ms)\n`,
    );
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(result.requests.total).toBeGreaterThan(0);
    expect(code).toBe(0);
    // The orchestrator's deadline: pre-close plus the drain timeout (it sends SIGKILL after that).
    expect(exitMs).toBeLessThan(PRE_CLOSE_MS + SHUTDOWN_TIMEOUT_MS);
  });
});
