import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamplerMessage } from '../src/protocol.js';
import { ControlServer } from '../src/runner/control.js';
import { driveLoad } from '../src/runner/load.js';
import { samplerFile } from '../src/runner/sampler-file.js';
import { probeEnvironment, startService, type ServiceProcess } from '../src/runner/service.js';
import { FIXTURES } from './helpers.js';

// The sampler's side of a route's heap profile, driven by its commands as the runner sends them: the
// profile waits for a full collection of the service's own rather than forcing one after the first window
// (a forced collection deoptimises the service's hot code), and is forced only after the route's last.
describe('the heap profile of a route', () => {
  const control = new ControlServer();
  let service: ServiceProcess;
  let url: string;
  beforeAll(async () => {
    await control.listen();
    service = startService([process.execPath, 'gc-service.mjs'], { cwd: FIXTURES, env: probeEnvironment(process.env, samplerFile(), control.socketPath) });
    const listening = await new Promise<Extract<SamplerMessage, { type: 'listening' }>>((resolve) => control.once('listening', resolve));
    control.selectedPid = listening.pid;
    url = `http://127.0.0.1:${listening.port}`;
    await control.request({ type: 'select' });
  }, 30_000);
  afterAll(async () => {
    await service?.stop(5000, []);
    await control.close();
  });

  // /churn fills the old generation: the service runs full collections of its own every few requests.
  const churn = (): Promise<unknown> => driveLoad(url, { method: 'GET', path: '/churn' }, { connections: 2, durationMs: 400, signal: new AbortController().signal });

  it("waits for the service's own collection past its start instead of forcing one, and is forced after the last window", async () => {
    await control.request({ type: 'profile-start' });
    // A start no collection of the first window reaches: the profile is still due when the window ends.
    await control.request({ type: 'window-start', heapStop: { dir: control.dir, name: 'heap-stop-test', afterMs: 60_000 } });
    await churn();
    const first = await control.request({ type: 'window-end' });
    expect(first.readings!.length).toBeGreaterThan(0);
    expect(first.readings!.filter((reading) => reading.source === 'forced')).toEqual([]);
    expect(first.heapProfileFile).toBeUndefined();

    // Stopping the CPU profiler leaves the heap sampler waiting for its collection.
    const cpu = await control.request({ type: 'profile-stop', dir: control.dir, name: 'heap-stop-test' });
    expect(cpu.cpuProfileFile).toBeDefined();
    expect(cpu.heapProfileFile).toBeUndefined();

    await control.request({ type: 'window-start' });
    await churn();
    const last = await control.request({ type: 'window-end', last: true });
    expect(last.readings!.filter((reading) => reading.source === 'forced')).toHaveLength(1);
    expect(last.heapProfileFile).toMatch(/heap-stop-test\.heapprofile$/);
  }, 30_000);
});
