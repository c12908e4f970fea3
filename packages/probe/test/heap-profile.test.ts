import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeapProfile } from '../src/analysis/profiles.js';
import type { SamplerMessage } from '../src/protocol.js';
import { ControlServer } from '../src/runner/control.js';
import { driveLoad } from '../src/runner/load.js';
import { samplerFile } from '../src/runner/sampler-file.js';
import { probeEnvironment, startService, type ServiceProcess } from '../src/runner/service.js';
import { FIXTURES } from './helpers.js';

// The sampler's side of the heap profile, driven by its commands as the runner sends them: the heap sampler
// runs from heap-start on, and each heap-profile reads what it holds after the full collection V8 runs to
// answer, then samples on; that collection is the probe's, not a reading of the service's own.
describe('the heap profile', () => {
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
  const read = (file: string): HeapProfile => JSON.parse(readFileSync(file, 'utf8')) as HeapProfile;

  it('is read on demand while the sampler runs on, and its collection is not taken for one of the service', async () => {
    await control.request({ type: 'heap-start' });
    await churn();
    const first = await control.request({ type: 'heap-profile', dir: control.dir, name: 'first' });
    expect(read(first.heapProfileFile!).head.children.length).toBeGreaterThan(0);

    // A window without load, holding only the heap profile's collection: the window's reading is forced,
    // not a reading of a collection of the service's own.
    await control.request({ type: 'window-start' });
    const second = await control.request({ type: 'heap-profile', dir: control.dir, name: 'second' });
    const quiet = await control.request({ type: 'window-end' });
    expect(quiet.readings!.map((reading) => reading.source)).toEqual(['forced']);
    // Sampling went on after the first read: the second is a profile too, not an error.
    expect(read(second.heapProfileFile!).head).toBeDefined();
  }, 30_000);
});
